package io.stackpilot.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.devcluster.LocalControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scenario 4 as the issue means it: the operator in a process of its own, with the chart's JVM
 * flags, its memory and CPU read from outside. Over empty namespaces (N=0) it gives the idle
 * footprint; at N it converges N services from scratch (time, CPU seconds, RSS and heap after),
 * serves the one-change and time-to-recover scenarios, and is then restarted over what stands
 * (start-up to first reconcile).
 */
final class ProcessBench {

  private final LocalControlPlane plane;
  private final KubernetesClient admin;
  private final Watchers watchers;
  private final BenchOptions options;
  private final Results results;
  private final ConvergenceBench frame;

  ProcessBench(
      LocalControlPlane plane,
      KubernetesClient admin,
      Watchers watchers,
      BenchOptions options,
      Results results,
      ConvergenceBench frame) {
    this.plane = plane;
    this.admin = admin;
    this.watchers = watchers;
    this.options = options;
    this.results = results;
    this.frame = frame;
  }

  OperatorProcess start(Fleet fleet, JvmVariant jvm, Duration resync) {
    // Watching all namespaces sees only this round: the previous round's namespaces are gone.
    return new OperatorProcess(
        Path.of(options.jar()),
        plane.kubeconfig(),
        options.processWatchesAll() ? Set.of() : fleet.namespaces(),
        resync,
        options.reconcileThreads(),
        SharedArchive.onThisMachine(
            jvm.flags(), Path.of(options.jar()), plane.runDirectory().resolve("shared-archive")),
        plane.runDirectory().resolve("operator-logs"));
  }

  /** N=0: start-up to ready and the footprint of an operator with nothing to do. */
  /** How long the idle operator rests before its footprint at rest is taken. */
  private static final Duration AT_REST = Duration.ofSeconds(75);

  void idle(JvmVariant jvm) {
    Fleet empty = new Fleet("bench-idle", options.namespaces(), 0, options.failureWindow());
    empty.createNamespaces(admin);
    try (OperatorProcess op = start(empty, jvm, Duration.ofMinutes(10))) {
      // Polled often: the target is 1.5 s.
      frame.waitFor("the operator process to be ready", () -> ready(op), Duration.ofMillis(20));
      double startUp = ConvergenceBench.millisSince(op.startedNanos);
      results.add(
          "resources",
          0,
          "operator process "
              + jvm.name()
              + ": start to /readyz (caches synced), empty"
              + " namespaces",
          startUp,
          "ms",
          "< 1500 ms",
          startUp < 1500 ? "yes" : "no");
      footprint(0, op, jvm, "idle, just ready");
      // At rest is where an operator spends its life; the framework's and the HTTP client's
      // start-up threads end after a minute without work.
      long restedUntil = System.nanoTime() + AT_REST.toNanos();
      frame.waitFor(
          "the operator process to rest for " + AT_REST.toSeconds() + " s",
          () -> alive(op) && System.nanoTime() >= restedUntil,
          Duration.ofSeconds(1));
      footprint(0, op, jvm, "idle, " + AT_REST.toSeconds() + " s at rest");
    } finally {
      frame.tearDown(empty);
    }
  }

  /**
   * N services converge through an operator process: the round's time and CPU, the footprint after;
   * with {@code scenarios}, one change and time to recover run against it, and a restart follows.
   */
  void converge(int n, JvmVariant jvm, boolean scenarios) throws Exception {
    Fleet fleet =
        new Fleet(
            String.format(Locale.ROOT, "bench-n%d-p-%s", n, jvm.name()),
            options.namespaces(),
            n,
            options.failureWindow());
    fleet.createNamespaces(admin);
    try {
      try (OperatorProcess op = start(fleet, jvm, Duration.ofMinutes(10))) {
        frame.waitFor("the operator process to be ready", () -> ready(op));
        double cpu0 = op.cpuSeconds();
        long begin = System.nanoTime();
        fleet.createServices(admin, options.concurrency());
        frame.waitFor(
            "operator process " + jvm.name() + ": all " + n + " Ready",
            () -> watchers.readyServices(fleet.namespaces()) >= n);
        double seconds = ConvergenceBench.millisSince(begin) / 1000.0;
        double cpu = op.cpuSeconds() - cpu0;
        System.out.printf(
            Locale.ROOT,
            "[bench] N=%d operator process %s: converged in %.2f s, %.1f CPU s%n",
            n,
            jvm.name(),
            seconds,
            cpu);
        results.add(
            "convergence",
            n,
            "operator process " + jvm.name() + ": create to all Ready (one round)",
            seconds,
            "s");
        results.add(
            "resources",
            n,
            "operator process " + jvm.name() + ": CPU while converging (utime+stime)",
            cpu,
            "CPU s");
        footprint(n, op, jvm, "after convergence");
        if (scenarios) {
          new OneChangeBench(admin, watchers, options, results).run(fleet);
          new RecoveryBench(admin, watchers, options, results).run(fleet);
        }
      }
      if (scenarios) {
        restart(n, fleet, jvm);
      }
    } finally {
      frame.tearDown(fleet);
    }
  }

  /**
   * A new operator process over N standing services: how soon it reconciles the first, and all. Its
   * /metrics is read every 250 ms, not more often: with per-resource meters it is a large page at
   * N=1000, and reading it would cost the operator the CPU being measured.
   */
  private void restart(int n, Fleet fleet, JvmVariant jvm) {
    Duration poll = Duration.ofMillis(250);
    try (OperatorProcess op = start(fleet, jvm, Duration.ofMinutes(10))) {
      frame.waitFor(
          "the restarted operator's first reconcile",
          () -> alive(op) && op.reconciles() >= 1,
          poll);
      results.add(
          "resources",
          n,
          "operator process "
              + jvm.name()
              + ": restart over N standing services, start to"
              + " first reconcile done",
          ConvergenceBench.millisSince(op.startedNanos),
          "ms");
      frame.waitFor(
          "the restarted operator's " + n + " reconciles",
          () -> alive(op) && op.reconciles() >= n,
          poll);
      results.add(
          "resources",
          n,
          "operator process " + jvm.name() + ": restart, start to N reconciles done",
          ConvergenceBench.millisSince(op.startedNanos),
          "ms");
    }
  }

  private void footprint(int n, OperatorProcess op, JvmVariant jvm, String when) {
    String who = "operator process " + jvm.name() + ", " + when + ": ";
    long rss = op.rssMiB();
    Map<String, Double> heap = op.heap();
    results.add(
        "resources",
        n,
        who + "RSS (VmRSS)",
        rss,
        "MiB",
        n == 0 ? "< 100 MiB idle" : "< 200 MiB at N=1000",
        rss < (n == 0 ? 100 : 200) ? "yes at this N" : "no at this N");
    results.add(
        "resources",
        n,
        who + "heap used / committed " + Results.format(heap.get("heapCommitted")) + " MiB",
        heap.get("heapUsed"),
        "MiB");
    results.add("resources", n, who + "peak RSS so far (VmHWM)", op.peakRssMiB(), "MiB");
    results.add("resources", n, who + "metaspace used", heap.get("metaspaceUsed"), "MiB");
    results.add("resources", n, who + "live threads", op.threads(), "threads");
    System.out.println("[bench] " + who + "threads by name: " + op.threadsByName());
    // With -XX:NativeMemoryTracking among the flags: where the memory beside the heap goes.
    op.nativeMemory()
        .lines()
        .filter(line -> line.matches("^(Total: reserved=.*|-\\s+[A-Z].*\\(reserved=.*)"))
        .forEach(line -> System.out.println("[bench] " + who + "native memory: " + line.strip()));
    op.collectGarbage();
    results.add(
        "resources",
        n,
        who + "heap used after a full GC (live set)",
        op.heap().get("heapUsed"),
        "MiB");
    results.add("resources", n, who + "RSS after that GC", op.rssMiB(), "MiB");
  }

  private static boolean alive(OperatorProcess op) {
    if (!op.alive()) {
      throw new IllegalStateException("the operator process exited; its log: " + op.log());
    }
    return true;
  }

  private static boolean ready(OperatorProcess op) {
    return alive(op) && op.ready();
  }
}
