package io.stackpilot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The operator as it runs in production, in a JVM of its own: {@code java FLAGS -jar stackpilot.jar
 * run} against the bench's control plane, so that its memory and CPU are its own and not the
 * harness's or Maven's. Read from outside, as a node would: /proc for RSS and CPU, jstat for the
 * heap (from the JVM's perf data, without attaching), /readyz and /metrics over HTTP.
 */
final class OperatorProcess implements AutoCloseable {

  /** Linux reports CPU time in /proc/PID/stat in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100.0;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;
  private final Path workDir;
  final long startedNanos;

  OperatorProcess(
      Path jar,
      Path kubeconfig,
      Set<String> namespaces,
      Duration resync,
      int threads,
      List<String> jvmFlags,
      Path logDir) {
    this.port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Map<String, String> environment = new TreeMap<>();
    command.addAll(splitEnvironment(jvmFlags, environment));
    command.addAll(
        List.of(
            "-jar",
            jar.toAbsolutePath().toString(),
            "run",
            "--port=" + port,
            "--resync=" + resync.toSeconds() + "s",
            "--threads=" + threads));
    namespaces.stream().sorted().forEach(ns -> command.add("--namespace=" + ns));
    try {
      Files.createDirectories(logDir);
      // A folder of its own, where relative paths in the flags (a flight recording, say) land.
      this.workDir = Files.createTempDirectory(logDir, "operator-");
      this.log = workDir.resolve("operator.log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      // The flags must be exactly those given, not whatever the shell that started make had set.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().putAll(environment);
      this.startedNanos = System.nanoTime();
      this.process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** /readyz answers 200: started, and every cache synced. */
  boolean ready() {
    return get("/readyz").map(r -> r.statusCode() == 200).orElse(false);
  }

  /** Reconciles finished so far, all kinds, from stackpilot_reconciles_total on /metrics. */
  double reconciles() {
    return get("/metrics")
        .map(
            r ->
                r.body()
                    .lines()
                    .filter(l -> l.startsWith("stackpilot_reconciles_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum())
        .orElse(0.0);
  }

  /** VmRSS from /proc/PID/status: resident now. */
  long rssMiB() {
    return status("VmRSS:") / 1024;
  }

  /** VmHWM from /proc/PID/status: the most ever resident. */
  long peakRssMiB() {
    return status("VmHWM:") / 1024;
  }

  /** Threads from /proc/PID/status. */
  long threads() {
    return status("Threads:");
  }

  /**
   * Live threads by name with digits blurred (from /proc/PID/task/TID/comm, cut at 15 characters by
   * Linux).
   */
  Map<String, Long> threadsByName() {
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid()), "task"))) {
      Map<String, Long> byName = new TreeMap<>();
      tasks.forEach(
          task -> {
            try {
              byName.merge(
                  Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N"),
                  1L,
                  Long::sum);
            } catch (IOException e) {
              // the thread ended meanwhile
            }
          });
      return byName;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long status(String field) {
    try {
      return Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status")).stream()
          .filter(l -> l.startsWith(field))
          .mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[1]))
          .findFirst()
          .orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** utime + stime from /proc/PID/stat: CPU seconds the process has used, all threads. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces: state is field
      // 3.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      long utime = Long.parseLong(fields[14 - 3]);
      long stime = Long.parseLong(fields[15 - 3]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Heap used and committed, metaspace used, in MiB, by jstat -gc (columns by name, the same for
   * every collector).
   */
  Map<String, Double> heap() {
    Map<String, Double> gc = jstatGc();
    Map<String, Double> out = new TreeMap<>();
    out.put("heapUsed", (gc.get("S0U") + gc.get("S1U") + gc.get("EU") + gc.get("OU")) / 1024);
    out.put("heapCommitted", (gc.get("S0C") + gc.get("S1C") + gc.get("EC") + gc.get("OC")) / 1024);
    out.put("metaspaceUsed", (gc.get("MU") + gc.getOrDefault("CCSU", 0.0)) / 1024);
    return out;
  }

  /**
   * Asks the JVM for a full collection (jcmd GC.run), so that the heap figure after it is the live
   * set.
   */
  void collectGarbage() {
    run(List.of(tool("jcmd"), String.valueOf(pid()), "GC.run"));
  }

  /**
   * The JVM's own account of its native memory by category (committed KiB), when it was started
   * with -XX:NativeMemoryTracking; empty otherwise.
   */
  String nativeMemory() {
    String summary =
        run(List.of(tool("jcmd"), String.valueOf(pid()), "VM.native_memory", "summary"));
    return summary.contains("Native Memory Tracking:") ? summary : "";
  }

  private Map<String, Double> jstatGc() {
    String[] lines = run(List.of(tool("jstat"), "-gc", String.valueOf(pid()))).strip().split("\n");
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    Map<String, Double> gc = new TreeMap<>();
    for (int i = 0; i < names.length && i < values.length; i++) {
      try {
        gc.put(names[i], Double.parseDouble(values[i]));
      } catch (NumberFormatException e) {
        // "-" where a collector has no such space
        gc.put(names[i], 0.0);
      }
    }
    return gc;
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Optional<HttpResponse<String>> get(String path) {
    try {
      return Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM, as the kubelet stops a pod, and the shutdown hook's clean stop; killed after 20 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The operator's flags in words, for the results. */
  /**
   * The JVM's flags among {@code words}; a word NAME=value is an environment variable of the
   * process (MALLOC_ARENA_MAX=2, say), not a flag of the JVM, and goes into {@code environment}.
   */
  static List<String> splitEnvironment(List<String> words, Map<String, String> environment) {
    List<String> flags = new ArrayList<>();
    for (String word : words) {
      if (word.matches("[A-Z][A-Z0-9_]*=.*")) {
        environment.put(
            word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
      } else {
        flags.add(word);
      }
    }
    return flags;
  }

  static String describe(List<String> flags) {
    return flags.isEmpty() ? "(none: the JVM's defaults on this machine)" : String.join(" ", flags);
  }

  static List<String> parseFlags(String flags) {
    return flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
  }
}
