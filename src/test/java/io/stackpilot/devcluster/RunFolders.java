package io.stackpilot.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folders of local control-plane runs under the system temp folder. Each records the PID of the
 * JVM that owns it and the PIDs of the processes it started; a new run first stops the processes of
 * runs whose JVM is gone (killed without a chance to run its shutdown hook) and removes their
 * folders.
 */
final class RunFolders {

  static final String OWNER_PID = "owner.pid";
  static final String CHILD_PIDS = "children.pids";

  private RunFolders() {}

  static Path root() {
    return Path.of(System.getProperty("java.io.tmpdir"), "stackpilot-control-plane");
  }

  static Path create() throws IOException {
    Path root = Files.createDirectories(root());
    reapOrphans(root);
    Path dir = Files.createTempDirectory(root, "run-");
    Files.writeString(dir.resolve(OWNER_PID), Long.toString(ProcessHandle.current().pid()));
    return dir;
  }

  static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A folder left behind is cleaned by the next run.
    }
  }

  private static void reapOrphans(Path root) throws IOException {
    try (Stream<Path> runs = Files.list(root)) {
      runs.filter(Files::isDirectory)
          .filter(RunFolders::ownerIsGone)
          .forEach(
              run -> {
                stopRecordedChildren(run);
                delete(run);
              });
    }
  }

  private static boolean ownerIsGone(Path run) {
    try {
      long owner = Long.parseLong(Files.readString(run.resolve(OWNER_PID)).trim());
      return ProcessHandle.of(owner).map(h -> !h.isAlive()).orElse(true);
    } catch (IOException | NumberFormatException e) {
      return true;
    }
  }

  private static void stopRecordedChildren(Path run) {
    Path pids = run.resolve(CHILD_PIDS);
    if (!Files.exists(pids)) {
      return;
    }
    try (Stream<String> lines = Files.lines(pids)) {
      // Only a process whose command line points into this run folder is ours: PIDs get reused.
      lines
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(Long::parseLong)
          .flatMap(pid -> ProcessHandle.of(pid).stream())
          .filter(
              h ->
                  h.info()
                      .arguments()
                      .map(args -> String.join(" ", args).contains(run.toString()))
                      .orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
