package io.stackpilot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The operator as it ships: {@code java -jar target/stackpilot.jar run} in a process of its own,
 * against a test's control plane (through KUBECONFIG, which {@code run} reads like kubectl). Its
 * output goes to a file under target/operator-logs, not a pipe that could fill up and stall it, and
 * is named in every failure. A test can do to it what happens to a real one: SIGKILL, SIGTERM,
 * SIGSTOP and SIGCONT; closing it stops it as Kubernetes would (SIGTERM), then for good. The jar is
 * built by the package phase, which runs before the integration tests.
 */
public final class OperatorProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target/stackpilot.jar");
  private static final Path LOGS = Path.of("target", "operator-logs");

  /**
   * A small heap and the serial collector: several of these share two cores with the control plane.
   */
  private static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern PORT = Pattern.compile("endpoints on port (\\d+)");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Instant startedAt;
  private final Path log;
  private final List<String> jvmFlags;
  private volatile Integer port;

  private OperatorProcess(Process process, Instant startedAt, Path log, List<String> jvmFlags) {
    this.process = process;
    this.startedAt = startedAt;
    this.log = log;
    this.jvmFlags = jvmFlags;
  }

  /** Starts the jar with the given JVM flags and {@code run -n <namespace> --port 0}. */
  public static OperatorProcess start(TestCluster cluster, List<String> jvmFlags) {
    return launch(
        cluster.controlPlane().kubeconfig(),
        "operator-process-" + cluster.namespace(),
        jvmFlags,
        List.of("--namespace", cluster.namespace()));
  }

  /**
   * Starts `stackpilot run --port 0` (so parallel processes never collide; the port is read from
   * the log) against the cluster of the kubeconfig, with the given arguments and a small heap.
   * {@code name} becomes HOSTNAME, so a replica's leader-election identity says which one it is.
   */
  public static OperatorProcess start(Path kubeconfig, String name, List<String> runArguments) {
    return launch(kubeconfig, name, SMALL_JVM, runArguments);
  }

  private static OperatorProcess launch(
      Path kubeconfig, String name, List<String> jvmFlags, List<String> runArguments) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR + " is missing: the integration tests run after `mvn package` builds it");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.addAll(List.of("-jar", JAR.toString(), "run", "--port", "0"));
    command.addAll(runArguments);
    try {
      Files.createDirectories(LOGS);
      Path log = Files.createTempFile(LOGS, name + "-", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      builder.environment().put("HOSTNAME", name);
      builder.environment().remove("JAVA_TOOL_OPTIONS");
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

  /**
   * Waits until /readyz says the operator runs and its caches are synced (a follower of an election
   * never is).
   */
  public OperatorProcess awaitReady(Duration atMost) {
    Awaitility.await("operator process " + pid() + " ready (log " + log + ")")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "operator process exited with "
                        + process.exitValue()
                        + "; its log "
                        + log
                        + " ends:\n"
                        + tail(30));
              }
              return ready();
            });
    return this;
  }

  /**
   * Waits until the process says it runs (its endpoints are up): a replica that is not the leader
   * gets this far and then bids for the lease, though it never becomes ready.
   */
  public OperatorProcess awaitRunning(Duration atMost) {
    Awaitility.await("operator process " + pid() + " running (log " + log + ")")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "operator process exited with "
                        + process.exitValue()
                        + "; its log "
                        + log
                        + " ends:\n"
                        + tail(30));
              }
              return port().isPresent();
            });
    return this;
  }

  /** Whether /readyz answers 200 now. */
  public boolean ready() {
    return endpoint("/readyz").map(r -> r.statusCode() == 200).orElse(false);
  }

  /** The text of /metrics, when the process serves it. */
  public Optional<String> metrics() {
    return endpoint("/metrics").filter(r -> r.statusCode() == 200).map(HttpResponse::body);
  }

  /**
   * The sum of all samples of one Prometheus metric (all labels), or empty when it cannot be
   * scraped.
   */
  public Optional<Double> metric(String name) {
    return metrics()
        .map(
            text ->
                text.lines()
                    .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .mapToDouble(
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum());
  }

  private Optional<HttpResponse<String>> endpoint(String path) {
    Optional<Integer> known = port();
    if (known.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + known.get() + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The port of its endpoints, once its log has said it. */
  private Optional<Integer> port() {
    if (port == null) {
      Matcher found = PORT.matcher(output());
      if (found.find()) {
        port = Integer.parseInt(found.group(1));
      }
    }
    return Optional.ofNullable(port);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** A kB figure of /proc/<pid>/status, such as VmRSS (resident now) or VmHWM (the peak). */
  public long statusKib(String field) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(line -> line.startsWith(field + ":"))
          .map(line -> line.substring(field.length() + 1).replace("kB", "").strip())
          .mapToLong(Long::parseLong)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no " + field + " in /proc/" + process.pid() + "/status"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the operator process " + process.pid() + " is gone; its log: " + log, e);
    }
  }

  /**
   * Heap in use right after a full collection (jcmd GC.run, then GC.heap_info), in kB: the live
   * set, which VmRSS hides behind whatever heap the JVM chose to keep.
   */
  public long liveHeapKib() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    run(jcmd.toString(), Long.toString(process.pid()), "GC.run");
    Matcher used =
        HEAP_USED.matcher(run(jcmd.toString(), Long.toString(process.pid()), "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("jcmd GC.heap_info printed no heap use for " + process.pid());
    }
    return Long.parseLong(used.group(1));
  }

  private static String run(String... command) {
    try {
      Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
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
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  public String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * SIGKILL: no shutdown hook, no lease release, no last write. Returns once the process is gone.
   */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM: the shutdown hook stops the operator as a kubelet's pod deletion would. */
  public void terminate() {
    process.destroy();
    awaitExit(Duration.ofSeconds(60));
  }

  /** SIGSTOP: the process freezes where it is, as in a long GC pause or a stalled node. */
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while signalling " + process.pid(), e);
    }
  }

  /** The exit code once the process has ended, for a replica that must exit by itself. */
  public Optional<Integer> exitCode() {
    return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  private void awaitExit(Duration atMost) {
    try {
      if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * Stops it as Kubernetes would (SIGTERM, SIGKILL after 30 s), waking it first if a test froze it.
   */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      resume();
    } catch (AssertionError | UncheckedIOException e) {
      // It ended meanwhile; nothing to wake.
    }
    process.destroy();
    awaitExit(Duration.ofSeconds(30));
  }
}
