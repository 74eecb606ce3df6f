package io.stackpilot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Facts about the machine and this process, read from the JVM and /proc (Linux). */
final class Machine {

  private Machine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String cpuModel() {
    return procLine("/proc/cpuinfo", "model name")
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElse("unknown");
  }

  static long memoryMiB() {
    return procLine("/proc/meminfo", "MemTotal:").map(Machine::kib).orElse(0L) / 1024;
  }

  static String java() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  static String os() {
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  /**
   * /proc/loadavg as it reads: the 1, 5 and 15 minute load averages, runnable/all tasks, last PID.
   */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static long heapMaxMiB() {
    return Runtime.getRuntime().maxMemory() / (1024 * 1024);
  }

  /** CPU time of this JVM so far, all threads. */
  static double cpuSeconds() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L)
        / 1000.0;
  }

  /**
   * CPU time so far of the given processes (the control plane's), summed; gone ones count nothing.
   */
  static double cpuSeconds(List<Long> pids) {
    return pids.stream()
            .map(ProcessHandle::of)
            .flatMap(Optional::stream)
            .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L))
            .sum()
        / 1000.0;
  }

  private static long kib(String line) {
    String[] parts = line.trim().split("\\s+");
    return Long.parseLong(parts[1]);
  }

  private static Optional<String> procLine(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(l -> l.startsWith(prefix))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
