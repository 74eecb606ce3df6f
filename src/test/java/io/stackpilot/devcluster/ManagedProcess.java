package io.stackpilot.devcluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One control-plane process with its output in a log file. Its PID is recorded in the run folder so
 * that a later run can stop it if this JVM dies without running its shutdown hook.
 */
public final class ManagedProcess implements AutoCloseable {

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private final Path pidFile;
  private Process process;

  public ManagedProcess(
      String name, List<String> command, Map<String, String> environment, Path runDir) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = runDir.resolve(name + ".log");
    this.pidFile = runDir.resolve(RunFolders.CHILD_PIDS);
  }

  public synchronized ManagedProcess start() throws IOException {
    if (process != null && process.isAlive()) {
      return this;
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().putAll(environment);
    process = builder.start();
    Files.writeString(
        pidFile,
        process.pid() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return this;
  }

  public String name() {
    return name;
  }

  Path log() {
    return log;
  }

  public synchronized Optional<Long> pid() {
    return process == null ? Optional.empty() : Optional.of(process.pid());
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The last lines of its log, for an error message that explains why it died. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM to the process and anything it started, then SIGKILL after the grace period. */
  public synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    process = null;
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
