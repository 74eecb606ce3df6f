package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The users' image (Dockerfile, built with docker for amd64 and arm64) and the one built here
 * without a registry (scripts/operator-image) cut the same Java runtime: the same modules added to
 * what jdeps finds, the same native libraries removed. The script reads the flags, the user and the
 * entrypoint from the Dockerfile itself.
 */
class ImageRecipesAgreeTest {

  private static final Pattern EXTRA_MODULES =
      Pattern.compile("--print-module-deps [^)]*\\),([a-z.,]+)");
  private static final Pattern DESKTOP_LIBRARIES = Pattern.compile("lib[a-z_]+\\.so");

  @Test
  void bothImagesAddTheSameModulesAndDropTheSameLibraries() throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    String script = Files.readString(Path.of("scripts/operator-image"));

    assertThat(extraModules(script)).isEqualTo(extraModules(dockerfile)).isNotEmpty();
    assertThat(removedLibraries(script))
        .isEqualTo(removedLibraries(dockerfile))
        .contains("libawt_xawt.so", "libjsound.so");
  }

  @Test
  void theDockerfileRunsAsTheChartsUserWithAReadOnlyRootInMind() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

    assertThat(lines).contains("USER 10001:10001");
    assertThat(lines.stream().filter(l -> l.startsWith("FROM ")))
        .as("a jlink stage, then a small multi-arch base")
        .containsExactly("FROM eclipse-temurin:17-jdk AS runtime", "FROM debian:bookworm-slim");
  }

  @Test
  void theClassDataSharingArchiveTheImageRecordsIsTheOneItsFlagsAndTheChartsName()
      throws IOException {
    String dockerfile = Files.readString(Path.of("Dockerfile"));
    Matcher recorded = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+)").matcher(dockerfile);
    assertThat(recorded.find()).as("the Dockerfile's training run").isTrue();
    String archive = "-XX:SharedArchiveFile=" + recorded.group(1);

    assertThat(
            dockerfile
                .lines()
                .filter(l -> l.startsWith("ENV JAVA_TOOL_OPTIONS="))
                .collect(Collectors.joining()))
        .contains(archive);
    assertThat(Files.readString(Path.of("helm/stackpilot/values.yaml"))).contains(archive);
    assertThat(Files.readString(Path.of("deploy/deployment.yaml"))).contains(archive);
    assertThat(dockerfile).contains("--generate-cds-archive");
  }

  private static List<String> extraModules(String text) {
    Matcher found = EXTRA_MODULES.matcher(text);
    if (!found.find()) {
      // The script adds them on a line of their own.
      Matcher scriptLine = Pattern.compile("modules=\"\\$modules,([a-z.,]+)\"").matcher(text);
      assertThat(scriptLine.find()).as("the modules added to jdeps' list").isTrue();
      return Arrays.stream(scriptLine.group(1).split(",")).sorted().toList();
    }
    return Arrays.stream(found.group(1).split(",")).sorted().toList();
  }

  /** The libraries named in the block that removes java.desktop's native side. */
  private static List<String> removedLibraries(String text) {
    int from = text.indexOf("libawt.so");
    int to = text.indexOf("libsplashscreen.so", from) + "libsplashscreen.so".length();
    assertThat(from).as("the removal of java.desktop's libraries").isNotNegative();
    Matcher names = DESKTOP_LIBRARIES.matcher(text.substring(from, to));
    return names.results().map(MatchResult::group).sorted().collect(Collectors.toList());
  }
}
