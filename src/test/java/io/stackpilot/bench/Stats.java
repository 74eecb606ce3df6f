package io.stackpilot.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a small sample, nearest-rank, so that p99 of 20 values is the largest. */
final class Stats {

  private final List<Double> sorted;

  Stats(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    this.sorted = new ArrayList<>(values);
    Collections.sort(sorted);
  }

  double min() {
    return sorted.get(0);
  }

  double max() {
    return sorted.get(sorted.size() - 1);
  }

  double median() {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double percentile(double p) {
    return sorted.get(rank(p, sorted.size()) - 1);
  }

  /** The 1-based position of the p-th percentile among n sorted values, by nearest rank. */
  static int rank(double p, int n) {
    return Math.max(1, Math.min(n, (int) Math.ceil(p / 100.0 * n)));
  }

  int count() {
    return sorted.size();
  }
}
