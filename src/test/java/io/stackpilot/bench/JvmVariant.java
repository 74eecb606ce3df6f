package io.stackpilot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JVM flags for the operator process, by name. A pod's memory limit is stood in for by -XX:MaxRAM,
 * so that percentages of it (MaxRAMPercentage) size the heap as they would in the container; and
 * since the JVM picks the serial collector by itself in a container of less than 1792 MiB, a
 * variant that names no collector gets -XX:+UseSerialGC, or this 24 GiB machine would pick G1
 * instead.
 */
record JvmVariant(String name, List<String> flags) {

  /** The chart's jvmOptions and memory limit, read from helm/stackpilot/values.yaml. */
  static final String CHART = "chart";

  /** The chart's flags before issue 9 tuned them, in the chart's 512 MiB container. */
  static final String CHART_BEFORE = "chart-before";

  /** No flags at all: what `java -jar` gives on the bench machine. */
  static final String MACHINE = "machine";

  private static final Path VALUES = Path.of("helm/stackpilot/values.yaml");

  /**
   * A variant's name, or its flags; flags get the name {@code custom<number>}, which namespaces can
   * carry.
   */
  static JvmVariant parse(String word, int number) {
    return switch (word) {
      case CHART -> chart();
      case CHART_BEFORE ->
          inContainer(
              CHART_BEFORE,
              "512Mi",
              List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError"));
      case MACHINE -> new JvmVariant(MACHINE, List.of());
      // Flags are separated by commas before a dash, so that a flag's own commas (a flight
      // recording's options, say) stay in it.
      default ->
          new JvmVariant("custom" + number, Arrays.asList(word.split(",(?=-|[A-Z][A-Z0-9_]*=)")));
    };
  }

  private static JvmVariant chart() {
    try {
      JsonNode values = new YAMLMapper().readTree(VALUES.toFile());
      String limit = values.path("resources").path("limits").path("memory").asText("");
      List<String> flags =
          new ArrayList<>(OperatorProcess.parseFlags(values.path("jvmOptions").asText("")));
      if (values.path("mallocArenaMax").canConvertToInt()) {
        flags.add("MALLOC_ARENA_MAX=" + values.path("mallocArenaMax").asInt());
      }
      return limit.isEmpty() ? new JvmVariant(CHART, flags) : inContainer(CHART, limit, flags);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart's values from " + VALUES, e);
    }
  }

  private static JvmVariant inContainer(String name, String memoryLimit, List<String> flags) {
    List<String> all = new ArrayList<>();
    all.add("-XX:MaxRAM=" + jvmSize(memoryLimit));
    if (flags.stream().noneMatch(f -> f.matches("-XX:\\+Use\\w+GC"))) {
      all.add("-XX:+UseSerialGC");
    }
    all.addAll(flags);
    return new JvmVariant(name, List.copyOf(all));
  }

  /** A Kubernetes quantity (512Mi, 1Gi) as a JVM size (512m, 1g). */
  private static String jvmSize(String quantity) {
    if (quantity.endsWith("Mi")) {
      return quantity.substring(0, quantity.length() - 2) + "m";
    }
    if (quantity.endsWith("Gi")) {
      return quantity.substring(0, quantity.length() - 2) + "g";
    }
    throw new IllegalArgumentException(
        "memory limit " + quantity + ": only Mi and Gi are understood");
  }

  @Override
  public String toString() {
    return name + " (" + OperatorProcess.describe(flags) + ")";
  }
}
