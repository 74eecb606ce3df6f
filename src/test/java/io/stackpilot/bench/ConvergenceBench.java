package io.stackpilot.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stackpilot.devcluster.LocalControlPlane;
import io.stackpilot.operator.StackpilotOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Scenario 1, and the frame of the others: N services converge through the operator in the bench
 * JVM (A, with a client that counts its requests) and through a plain client applying the same
 * rendered objects (B, the lower bound), alternating A B A B on fresh namespaces. After the last A
 * round its operator is restarted over what stands for the at-rest scenario. Then a round with the
 * operator in its own process (see {@link ProcessBench}) gives its resources and serves the
 * one-change and time-to-recover scenarios.
 */
final class ConvergenceBench {

  private final LocalControlPlane plane;
  private final KubernetesClient admin;
  private final Watchers watchers;
  private final BenchOptions options;
  private final Results results;
  private int roundCounter;

  ConvergenceBench(
      LocalControlPlane plane,
      KubernetesClient admin,
      Watchers watchers,
      BenchOptions options,
      Results results) {
    this.plane = plane;
    this.admin = admin;
    this.watchers = watchers;
    this.options = options;
    this.results = results;
  }

  /** The operator in the bench JVM, with its own counted client and meters. */
  final class OperatorUnderTest implements AutoCloseable {
    final RequestTally requests = new RequestTally();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final KubernetesClient client;
    final StackpilotOperator operator;

    OperatorUnderTest(Fleet fleet, Duration resync) {
      client =
          new KubernetesClientBuilder()
              .withConfig(plane.config())
              .withHttpClientBuilderConsumer(
                  b -> b.addOrReplaceInterceptor("bench-tally", requests))
              .build();
      operator =
          StackpilotOperator.settings(client)
              .namespaces(fleet.namespaces())
              .resyncPeriod(resync)
              .meters(meters)
              .reconcileThreads(options.reconcileThreads())
              .build()
              .start();
    }

    double reconciles() {
      return meters.find("stackpilot.reconciles").counters().stream()
          .mapToDouble(Counter::count)
          .sum();
    }

    @Override
    public void close() {
      operator.close();
      client.close();
    }
  }

  void run(int n) throws Exception {
    List<Double> operatorSeconds = new ArrayList<>();
    List<Double> lowerBoundSeconds = new ArrayList<>();
    List<Double> operatorCpu = new ArrayList<>();
    List<Double> lowerBoundCpu = new ArrayList<>();
    int pairs = options.pairsAt(n);
    for (int round = 1; round <= 2 * pairs; round++) {
      boolean operatorRound = round % 2 == 1;
      Fleet fleet =
          new Fleet(
              String.format(Locale.ROOT, "bench-n%d-r%d", n, ++roundCounter),
              options.namespaces(),
              n,
              options.failureWindow());
      fleet.createNamespaces(admin);
      try {
        if (operatorRound) {
          boolean last = round == 2 * pairs - 1;
          OperatorUnderTest op = startOperator(fleet, Duration.ofMinutes(10), n, round == 1);
          try {
            // Only what converging costs: the informers' first LISTs and WATCHes (one of each per
            // kind and namespace, whatever N) are start-up, counted before this.
            op.requests.reset();
            double reconciles0 = op.reconciles();
            double[] t =
                converge(
                    fleet,
                    () -> fleet.createServices(admin, options.concurrency()),
                    () -> watchers.readyServices(fleet.namespaces()),
                    "A (operator)",
                    n,
                    round);
            operatorSeconds.add(t[0]);
            operatorCpu.add(t[1]);
            if (last) {
              requests(n, op, t, op.reconciles() - reconciles0);
              // Ready comes before the last status touches (the old pods going); let the operator
              // finish them, or the restart below would count them as writes of its own.
              waitForQuiet(op.requests, Duration.ofSeconds(5));
            }
          } finally {
            op.close();
          }
          if (last) {
            new AtRestBench(this, watchers, options, results).run(fleet);
          }
        } else {
          double[] t =
              converge(
                  fleet,
                  () -> fleet.applyRendered(admin, options.concurrency()),
                  () -> watchers.availableDeployments(fleet.namespaces()),
                  "B (lower bound)",
                  n,
                  round);
          lowerBoundSeconds.add(t[0]);
          lowerBoundCpu.add(t[1]);
        }
      } finally {
        tearDown(fleet);
      }
    }
    if (options.process()) {
      ProcessBench process = new ProcessBench(plane, admin, watchers, options, results, this);
      process.converge(n, options.operatorJvm(), true);
      if (n == options.jvmVariantsN()) {
        for (JvmVariant variant : options.jvmVariants()) {
          process.converge(n, variant, false);
        }
      }
    }
    if (pairs == 0) {
      return;
    }

    Stats a = new Stats(operatorSeconds);
    Stats b = new Stats(lowerBoundSeconds);
    results.add(
        "convergence",
        n,
        "operator: create to all Ready, median (min-max "
            + Results.format(a.min())
            + "-"
            + Results.format(a.max())
            + ", "
            + a.count()
            + " rounds)",
        a.median(),
        "s");
    results.add(
        "convergence",
        n,
        "lower bound: apply to all Available, median (min-max "
            + Results.format(b.min())
            + "-"
            + Results.format(b.max())
            + ", "
            + b.count()
            + " rounds)",
        b.median(),
        "s");
    double ratio = a.median() / b.median();
    results.add(
        "convergence",
        n,
        "ratio of medians operator / lower bound",
        ratio,
        "x",
        "<= 1.25x at N=1000",
        ratio <= 1.25 ? "yes at this N" : "no at this N");
    results.add(
        "resources",
        n,
        "CPU of the bench JVM while converging, operator rounds, median",
        new Stats(operatorCpu).median(),
        "CPU s");
    results.add(
        "resources",
        n,
        "CPU of the bench JVM while converging, lower-bound rounds, median",
        new Stats(lowerBoundCpu).median(),
        "CPU s");
  }

  OperatorUnderTest startOperator(Fleet fleet, Duration resync, int n, boolean report) {
    long begin = System.nanoTime();
    OperatorUnderTest op = new OperatorUnderTest(fleet, resync);
    waitFor("the operator's caches to sync", op.operator::isReady);
    if (report) {
      results.add(
          "resources",
          n,
          "operator in the bench JVM: start() to caches synced, empty namespaces",
          millisSince(begin),
          "ms");
    }
    return op;
  }

  /**
   * Seconds from the first create to all N done, and the CPU seconds the bench JVM spent meanwhile.
   */
  private double[] converge(
      Fleet fleet, Work create, LongSupplier done, String what, int n, int round) throws Exception {
    double cpu0 = Machine.cpuSeconds();
    double planeCpu0 = Machine.cpuSeconds(plane.pids());
    long begin = System.nanoTime();
    create.run();
    double created = millisSince(begin) / 1000.0;
    waitFor(what + ": all " + n + " done", () -> done.getAsLong() >= n);
    double seconds = millisSince(begin) / 1000.0;
    double cpu = Machine.cpuSeconds() - cpu0;
    double planeCpu = Machine.cpuSeconds(plane.pids()) - planeCpu0;
    System.out.printf(
        Locale.ROOT,
        "[bench] N=%d round %d %s: %.2f s (creates took %.2f s), bench JVM %.1f CPU s,"
            + " control plane %.1f CPU s%n",
        n,
        round,
        what,
        seconds,
        created,
        cpu,
        planeCpu);
    return new double[] {seconds, cpu, planeCpu};
  }

  private void requests(int n, OperatorUnderTest op, double[] converged, double reconciles) {
    results.add(
        "resources",
        n,
        "control plane CPU while the operator converged (last A round)",
        converged[2],
        "CPU s");
    results.add(
        "resources",
        n,
        "operator requests while converging (last A round, start-up not counted): "
            + op.requests.snapshot(),
        op.requests.reads() + op.requests.writes(),
        "requests");
    results.add(
        "resources",
        n,
        "operator GETs (single and LIST) per service while converging (last A round, start-up not counted)",
        (double) op.requests.of("GET") / n,
        "GETs");
    results.add(
        "resources",
        n,
        "operator requests per service while converging (target at most 4; the lower bound makes 2)",
        (double) (op.requests.reads() + op.requests.writes()) / n,
        "requests");
    System.out.println(
        "[bench] N="
            + n
            + " operator writes while converging, by resource: "
            + op.requests.writesByResource());
    results.add(
        "resources",
        n,
        "operator reconciles per service while converging (last A round, start-up not counted)",
        reconciles / n,
        "reconciles");
  }

  void waitFor(String what, BooleanSupplier condition) {
    waitFor(what, condition, Duration.ofMillis(50));
  }

  void waitFor(String what, BooleanSupplier condition, Duration pollInterval) {
    await(what).atMost(options.timeout()).pollInterval(pollInterval).until(condition::getAsBoolean);
  }

  /**
   * Deletes a round's namespaces and waits until they are gone, so that the next round does not run
   * beside the teardown of a thousand Deployments, pods and Events (which cost the lower-bound
   * rounds more API server CPU than their own applies did).
   */
  void tearDown(Fleet fleet) {
    long begin = System.nanoTime();
    fleet.deleteNamespaces(admin);
    await("the namespaces of a round to go")
        .atMost(options.timeout())
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                fleet.namespaces().stream()
                    .allMatch(ns -> admin.namespaces().withName(ns).get() == null));
    System.out.printf(
        Locale.ROOT,
        "[bench] N=%d teardown of %s: %.1f s%n",
        fleet.size(),
        fleet.prefix(),
        millisSince(begin) / 1000.0);
  }

  /** Until the operator has written nothing for {@code quiet}, or the timeout passes. */
  void waitForQuiet(RequestTally requests, Duration quiet) {
    long[] last = {requests.writes(), System.nanoTime()};
    waitFor(
        "the operator to stop writing",
        () -> {
          long now = requests.writes();
          if (now != last[0]) {
            last[0] = now;
            last[1] = System.nanoTime();
          }
          return System.nanoTime() - last[1] >= quiet.toNanos();
        });
  }

  static double millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e6;
  }

  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }
}
