package io.stackpilot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The figures of one run: a CSV row each, and a markdown table of the same rows. */
final class Results {

  /** One figure; target and met are empty when the issue sets no target for it. */
  record Figure(
      String scenario,
      int n,
      String metric,
      double value,
      String unit,
      String target,
      String met) {}

  /** Rows come out in the order of priority, whatever order the scenarios ran in. */
  private static final List<String> ORDER =
      List.of("convergence", "at rest", "one change", "time to recover", "resources");

  private final List<Figure> figures = new ArrayList<>();
  private final List<String[]> facts = new ArrayList<>();

  void fact(String name, String value) {
    facts.add(new String[] {name, value});
    System.out.printf("[bench] %s: %s%n", name, value);
  }

  void add(String scenario, int n, String metric, double value, String unit) {
    add(scenario, n, metric, value, unit, "", "");
  }

  void add(
      String scenario, int n, String metric, double value, String unit, String target, String met) {
    figures.add(new Figure(scenario, n, metric, value, unit, target, met));
    System.out.printf(
        "[bench] %s N=%d %s = %s %s %s%n",
        scenario,
        n,
        metric,
        format(value),
        unit,
        target.isEmpty() ? "" : "(target " + target + ": " + met + ")");
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    return String.format(
        Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
  }

  void writeCsv(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    StringBuilder out = new StringBuilder("scenario,n,metric,value,unit,target,met\n");
    for (String[] f : facts) {
      out.append("machine,0,").append(csv(f[0])).append(',').append(csv(f[1])).append(",,,\n");
    }
    for (Figure f : ordered()) {
      out.append(
              String.join(
                  ",",
                  csv(f.scenario()),
                  String.valueOf(f.n()),
                  csv(f.metric()),
                  String.format(Locale.ROOT, "%.3f", f.value()),
                  csv(f.unit()),
                  csv(f.target()),
                  csv(f.met())))
          .append('\n');
    }
    Files.writeString(file, out);
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| Machine | |\n|---|---|\n");
    for (String[] f : facts) {
      out.append("| ").append(f[0]).append(" | ").append(f[1]).append(" |\n");
    }
    out.append("\n| Scenario | N | Figure | Value | Target | Met |\n|---|---:|---|---:|---|---|\n");
    for (Figure f : ordered()) {
      out.append("| ")
          .append(f.scenario())
          .append(" | ")
          .append(f.n())
          .append(" | ")
          .append(f.metric())
          .append(" | ")
          .append(format(f.value()))
          .append(' ')
          .append(f.unit())
          .append(" | ")
          .append(f.target())
          .append(" | ")
          .append(f.met())
          .append(" |\n");
    }
    return out.toString();
  }

  private List<Figure> ordered() {
    List<Figure> sorted = new ArrayList<>(figures);
    sorted.sort(
        Comparator.comparingInt((Figure f) -> f.n())
            .thenComparingInt(f -> ORDER.indexOf(f.scenario())));
    return sorted;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
