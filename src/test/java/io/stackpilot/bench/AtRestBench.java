package io.stackpilot.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * Scenario 2, and the restart figures of scenario 4: the operator starts again over N converged
 * services with a short resync; once each has been reconciled, its requests are counted by verb
 * over three resync periods. Nothing changed, so it must write nothing.
 */
final class AtRestBench {

  private final ConvergenceBench frame;
  private final Watchers watchers;
  private final BenchOptions options;
  private final Results results;

  AtRestBench(ConvergenceBench frame, Watchers watchers, BenchOptions options, Results results) {
    this.frame = frame;
    this.watchers = watchers;
    this.options = options;
    this.results = results;
  }

  void run(Fleet fleet) throws Exception {
    int n = fleet.size();
    Duration resync = options.atRestResync();
    long begin = System.nanoTime();
    try (ConvergenceBench.OperatorUnderTest op = frame.new OperatorUnderTest(fleet, resync)) {
      frame.waitFor("the first reconcile after a restart", () -> op.reconciles() >= 1);
      results.add(
          "resources",
          n,
          "operator in the bench JVM: restart over N converged services, start() to first reconcile done",
          ConvergenceBench.millisSince(begin),
          "ms");
      frame.waitFor("a reconcile of each of " + n + " services", () -> op.reconciles() >= n);
      results.add(
          "resources",
          n,
          "operator in the bench JVM: restart, start() to N reconciles done",
          ConvergenceBench.millisSince(begin),
          "ms");
      results.add(
          "at rest",
          n,
          "writes during the restart's catch-up (" + n + " reconciles)",
          op.requests.writes(),
          "requests",
          "0",
          op.requests.writes() == 0 ? "yes" : "no");
      if (op.requests.writes() > 0) {
        System.out.println("[bench] writes seen during the restart:\n" + op.requests.writesSeen());
      }
      op.requests.reset();
      double reconciles0 = op.reconciles();
      long start = System.nanoTime();
      // Three resync periods are over when every service has been reconciled three more times.
      frame.waitFor(
          "three resyncs of each of " + n + " services",
          () -> op.reconciles() >= reconciles0 + 3.0 * n);
      double seconds = ConvergenceBench.millisSince(start) / 1000.0;
      long window = (long) (seconds * 1000);
      long writes = op.requests.writes();
      System.out.println("[bench] at rest, requests by verb: " + op.requests.snapshot());
      if (writes > 0) {
        System.out.println("[bench] writes seen at rest:\n" + op.requests.writesSeen());
      }
      results.add(
          "at rest",
          n,
          String.format(
              Locale.ROOT,
              "writes over 3 resync periods (%d s, resync %d s)",
              window / 1000,
              resync.toSeconds()),
          writes,
          "requests",
          "0 writes at rest",
          writes == 0 ? "yes" : "no");
      results.add(
          "at rest",
          n,
          "reads (GET + LIST + new WATCH) per second, by verb " + op.requests.snapshot(),
          op.requests.reads() / seconds,
          "req/s");
      results.add(
          "at rest",
          n,
          "reconciles in the window (resync working: about 3 per service)",
          op.reconciles() - reconciles0,
          "reconciles");
      if (watchers.readyServices(fleet.namespaces()) != n) {
        System.out.println(
            "[bench] warning: not every service was Ready at the end of the at-rest window");
      }
    }
  }
}
