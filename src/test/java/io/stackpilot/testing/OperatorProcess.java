package io.stackpilot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it ships: {@code java -jar target/stackpilot.jar run} in a process of its own,
 * against the test's control plane (through KUBECONFIG, which {@code run} reads like kubectl) and
 * watching only the test's namespace. Its output goes to a file under target/, not a pipe that
 * could fill up and stall it. Close it to stop it as Kubernetes would (SIGTERM), then for good.
 */
public final class OperatorProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target/stackpilot.jar");
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

  private final Process process;
  private final Instant startedAt;
  private final Path log;
  private final List<String> jvmFlags;

  private OperatorProcess(Process process, Instant startedAt, Path log, List<String> jvmFlags) {
    this.process = process;
    this.startedAt = startedAt;
    this.log = log;
    this.jvmFlags = jvmFlags;
  }

  /** Starts the jar with the given JVM flags and {@code run -n <namespace> --port 0}. */
  public static OperatorProcess start(TestCluster cluster, List<String> jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", JAR.toString(), "run", "--namespace", cluster.namespace(), "--port", "0"));
    Path log = Path.of("target", "operator-process-" + cluster.namespace() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", cluster.controlPlane().kubeconfig().toString());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    try {
      Instant startedAt = Instant.now();
      return new OperatorProcess(builder.start(), startedAt, log, List.copyOf(jvmFlags));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  /** Just before the process was forked. */
  public Instant startedAt() {
    return startedAt;
  }

  public List<String> jvmFlags() {
    return jvmFlags;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** A kB figure of /proc/<pid>/status, such as VmRSS (resident now) or VmHWM (the peak). */
  public long statusKib(String field) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(line -> line.startsWith(field + ":"))
          .map(line -> line.substring(field.length() + 1).replace("kB", "").strip())
          .mapToLong(Long::parseLong).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status"));
    } catch (IOException e) {
      throw new UncheckedIOException("the operator process " + process.pid() + " is gone; its log: " + log, e);
    }
  }

  /**
   * Heap in use right after a full collection (jcmd GC.run, then GC.heap_info), in kB: the live set,
   * which VmRSS hides behind whatever heap the JVM chose to keep.
   */
  public long liveHeapKib() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    run(jcmd.toString(), Long.toString(process.pid()), "GC.run");
    Matcher used = HEAP_USED.matcher(run(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("jcmd GC.heap_info printed no heap use for " + process.pid());
    }
    return Long.parseLong(used.group(1));
  }

  private static String run(String... command) {
    try {
      Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
