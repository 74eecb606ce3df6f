package io.stackpilot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The chart's flags name the image's class data sharing archive (-XX:SharedArchiveFile), which is
 * not on the bench machine. Where the named file is missing, the bench records an archive of its
 * own the way the image build does (a training run that starts the operator against an API server
 * that is not there) for this machine's JVM and the bench's jar, and runs the operator with that
 * one: the figures then show what the archive is worth, not a JVM that silently ignores it.
 */
final class SharedArchive {

  private static final String FLAG = "-XX:SharedArchiveFile=";

  /** One archive per set of flags in a run, recorded on first use. */
  private static final Map<List<String>, Path> RECORDED = new HashMap<>();

  private SharedArchive() {}

  static synchronized List<String> onThisMachine(List<String> flags, Path jar, Path directory) {
    String named = flags.stream().filter(f -> f.startsWith(FLAG)).findFirst().orElse(null);
    if (named == null || Files.isReadable(Path.of(named.substring(FLAG.length())))) {
      return flags;
    }
    Path archive = RECORDED.computeIfAbsent(flags, f -> record(f, named, jar, directory));
    List<String> replaced = new ArrayList<>(flags);
    replaced.set(flags.indexOf(named), FLAG + archive);
    return List.copyOf(replaced);
  }

  private static Path record(List<String> flags, String named, Path jar, Path directory) {
    try {
      Files.createDirectories(directory);
      Path archive = Files.createTempFile(directory, "stackpilot-", ".jsa");
      Files.delete(archive);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      Map<String, String> environment = new HashMap<>();
      command.addAll(
          OperatorProcess.splitEnvironment(
              flags.stream().filter(f -> !f.equals(named)).toList(), environment));
      command.addAll(
          List.of(
              "-XX:ArchiveClassesAtExit=" + archive,
              "-jar",
              jar.toAbsolutePath().toString(),
              "run",
              "--port=" + OperatorProcess.freePort()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("shared-archive-training.log").toFile());
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().remove("KUBECONFIG");
      builder.environment().putAll(environment);
      // Nothing listens on port 1 of loopback: the caches' first list fails at once.
      builder.environment().put("KUBERNETES_MASTER", "https://127.0.0.1:1");
      builder.environment().put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
      builder.environment().put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
      Process training = builder.start();
      if (!training.waitFor(120, TimeUnit.SECONDS)) {
        training.destroyForcibly().waitFor();
        throw new IllegalStateException("the shared archive's training run did not end in 120 s");
      }
      if (!Files.isReadable(archive)) {
        throw new IllegalStateException(
            "the training run wrote no shared archive; see "
                + directory.resolve("shared-archive-training.log"));
      }
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
