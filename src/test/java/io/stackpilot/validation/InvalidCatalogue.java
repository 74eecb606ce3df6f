package io.stackpilot.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of objects the API server must reject, one YAML file each, headed by the {@code #
 * expect:} lines that its rejection message must contain; and in {@code valid/} one object of each
 * kind that it must accept.
 */
final class InvalidCatalogue {

  static final Path FOLDER = Path.of("src/test/resources/invalid-catalogue");
  static final Path BASELINES = FOLDER.resolve("valid");
  static final String EXPECT = "# expect:";

  private InvalidCatalogue() {}

  static List<Path> invalidObjects() {
    return yamlFilesIn(FOLDER);
  }

  static List<Path> baselines() {
    return yamlFilesIn(BASELINES);
  }

  /** The {@code # expect:} lines at the head of the file, without the marker. */
  static List<String> expectations(Path file) {
    return read(file)
        .lines()
        .takeWhile(line -> line.startsWith("#"))
        .filter(line -> line.startsWith(EXPECT))
        .map(line -> line.substring(EXPECT.length()).strip())
        .toList();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFilesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
