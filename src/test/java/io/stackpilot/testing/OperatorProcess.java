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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * `java -jar target/stackpilot.jar run ...` in a process of its own, as a kubelet would run it, so a test
 * can do to it what happens to a real one: SIGKILL, SIGTERM, SIGSTOP and SIGCONT. Its output goes to a
 * log file under target/operator-logs, named in every failure. The jar is built by the package phase,
 * which runs before the integration tests.
 */
public final class OperatorProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target", "stackpilot.jar");
  private static final Path LOGS = Path.of("target", "operator-logs");
  private static final Pattern PORT = Pattern.compile("endpoints on port (\\d+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private volatile Integer port;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts `stackpilot run` against the cluster of the kubeconfig with the given arguments (port 0, so
   * parallel processes never collide; the port is read from the log). {@code name} becomes HOSTNAME, so
   * a replica's leader-election identity says which one it is.
   */
  public static OperatorProcess start(Path kubeconfig, String name, List<String> runArguments) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: the integration tests run after `mvn package` builds it");
    }
    List<String> command = new ArrayList<>(List.of(javaBinary(),
        // A small heap and the serial collector: several of these share two cores with the control plane.
        "-Xmx256m", "-XX:+UseSerialGC", "-jar", JAR.toString(), "run", "--port", "0"));
    command.addAll(runArguments);
    try {
      Files.createDirectories(LOGS);
      Path log = Files.createTempFile(LOGS, name + "-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().putAll(Map.of("KUBECONFIG", kubeconfig.toString(), "HOSTNAME", name));
      return new OperatorProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Waits until /readyz says the operator runs and its caches are synced (a follower of an election never is). */
  public OperatorProcess awaitReady(Duration atMost) {
    Awaitility.await("operator process " + pid() + " ready (log " + log + ")").atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("operator process exited with " + process.exitValue() + "; its log " + log
                + " ends:\n" + tail(30));
          }
          return ready();
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

  /** The sum of all samples of one Prometheus metric (all labels), or empty when it cannot be scraped. */
  public Optional<Double> metric(String name) {
    return metrics().map(text -> text.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum());
  }

  private Optional<HttpResponse<String>> endpoint(String path) {
    Optional<Integer> known = port();
    if (known.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + known.get() + path))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()));
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

  /** SIGKILL: no shutdown hook, no lease release, no last write. Returns once the process is gone. */
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
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
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

  /** Kills it if it still runs (SIGKILL ends a paused process too): a failed test leaves no operator behind. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
