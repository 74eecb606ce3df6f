package io.stackpilot.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What `make bench BENCH_ARGS="..."` may set, as key=value words:
 *
 * <pre>
 * n=100,500,1000        sizes (services, the three kinds in turn, over `namespaces` namespaces)
 * pairs=2,1,1           operator / lower-bound round pairs per size (default: 2 below N=500, else 1);
 *                       one number for all sizes; 0 skips them
 * namespaces=10 concurrency=10 threads=10 resync=10 timeout=900 out=bench/results
 * changes=20,20,100    one-change scenario: changes per size (default: 100 at N=1000 and more, else
 *                       20); one number for all sizes
 * recoveries=20 recoveryWave=5 failureWindow=3   time to recover: upgrades to a crashing image, how many
 *                       at a time, and the recovery.failureWindow (seconds) of every bench service
 * controllerQps=200     kube-controller-manager's --kube-api-qps (0: its default of 20)
 * controllerSyncs=0     its --concurrent-deployment-syncs and --concurrent-replicaset-syncs (0: default 5)
 * schedulerQps=0        kube-scheduler's --kube-api-qps (0: its default of 50)
 * process=true          run the operator-process round (resources, one change, time to recover)
 * processNamespaces=all the process operator watches all namespaces, as the chart does by default (one
 *                       informer per kind), or only the round's (fleet: one per kind and namespace)
 * jar=target/stackpilot.jar
 * operatorJvm=chart     JVM flags of the operator process, comma-separated (a comma before a dash starts
 *                       the next flag), or a variant's name: chart, chart-before, machine
 * jvmVariants=chart-before  more variants (names or flag lists, ';'-separated) converged at
 *                       jvmVariantsN, without the one-change and time-to-recover scenarios; "none" for none
 * jvmVariantsN=0        the size for the variants (0: the largest of n)
 * </pre>
 */
record BenchOptions(
    List<Integer> sizes,
    List<Integer> pairs,
    int namespaces,
    int concurrency,
    int reconcileThreads,
    List<Integer> changes,
    Duration atRestResync,
    Duration timeout,
    String outDir,
    int controllerQps,
    int controllerSyncs,
    int schedulerQps,
    int recoveries,
    int recoveryWave,
    Duration failureWindow,
    boolean process,
    boolean processWatchesAll,
    String jar,
    JvmVariant operatorJvm,
    List<JvmVariant> jvmVariants,
    int jvmVariantsN) {

  static BenchOptions parse(String[] args) {
    List<Integer> sizes = List.of(100, 500, 1000);
    List<Integer> pairs = null;
    int namespaces = 10;
    int concurrency = 10;
    int threads = 10;
    List<Integer> changes = null;
    int resync = 10;
    int timeout = 900;
    String out = "bench/results";
    int controllerQps = 200;
    int controllerSyncs = 0;
    int schedulerQps = 0;
    int recoveries = 20;
    int recoveryWave = 5;
    int failureWindow = 3;
    boolean process = true;
    String processNamespaces = "all";
    String jar = "target/stackpilot.jar";
    String operatorJvm = JvmVariant.CHART;
    String jvmVariants = JvmVariant.CHART_BEFORE;
    int jvmVariantsN = 0;
    for (String arg : args) {
      for (String word : arg.trim().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        String[] kv = word.replaceFirst("^--", "").split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected key=value, got " + word);
        }
        switch (kv[0]) {
          case "n" -> sizes = ints(kv[1]);
          case "pairs" -> pairs = ints(kv[1]);
          case "namespaces" -> namespaces = Integer.parseInt(kv[1]);
          case "concurrency" -> concurrency = Integer.parseInt(kv[1]);
          case "threads" -> threads = Integer.parseInt(kv[1]);
          case "changes" -> changes = ints(kv[1]);
          case "resync" -> resync = Integer.parseInt(kv[1]);
          case "timeout" -> timeout = Integer.parseInt(kv[1]);
          case "out" -> out = kv[1];
          case "controllerQps" -> controllerQps = Integer.parseInt(kv[1]);
          case "controllerSyncs" -> controllerSyncs = Integer.parseInt(kv[1]);
          case "schedulerQps" -> schedulerQps = Integer.parseInt(kv[1]);
          case "recoveries" -> recoveries = Integer.parseInt(kv[1]);
          case "recoveryWave" -> recoveryWave = Integer.parseInt(kv[1]);
          case "failureWindow" -> failureWindow = Integer.parseInt(kv[1]);
          case "process" -> process = Boolean.parseBoolean(kv[1]);
          case "processNamespaces" -> processNamespaces = kv[1];
          case "jar" -> jar = kv[1];
          case "operatorJvm" -> operatorJvm = kv[1];
          case "jvmVariants" -> jvmVariants = kv[1];
          case "jvmVariantsN" -> jvmVariantsN = Integer.parseInt(kv[1]);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + kv[0]
                      + " (known: n, pairs, namespaces,"
                      + " concurrency, threads, changes, resync, timeout, out, controllerQps, controllerSyncs, schedulerQps,"
                      + " recoveries, recoveryWave, failureWindow, process, processNamespaces, jar, operatorJvm, jvmVariants, jvmVariantsN)");
        }
      }
    }
    // Unless given: two round pairs below N=500 and one from there (a pair at N=1000 takes about
    // four minutes), and the 100 changes at N=1000, 20 below.
    if (pairs == null) {
      pairs = sizes.stream().map(n -> n >= 500 ? 1 : 2).toList();
    }
    if (changes == null) {
      changes = sizes.stream().map(n -> n >= 1000 ? 100 : 20).toList();
    }
    if (changes.size() != 1 && changes.size() != sizes.size()
        || pairs.size() != 1 && pairs.size() != sizes.size()) {
      throw new IllegalArgumentException("changes and pairs take one number, or one per size of n");
    }
    String[] variantWords =
        jvmVariants.isBlank() || jvmVariants.equals("none")
            ? new String[0]
            : jvmVariants.split(";");
    List<JvmVariant> variants =
        IntStream.range(0, variantWords.length)
            .mapToObj(i -> JvmVariant.parse(variantWords[i], i + 1))
            .toList();
    return new BenchOptions(
        sizes,
        pairs,
        namespaces,
        concurrency,
        threads,
        changes,
        Duration.ofSeconds(resync),
        Duration.ofSeconds(timeout),
        out,
        controllerQps,
        controllerSyncs,
        schedulerQps,
        recoveries,
        Math.max(1, recoveryWave),
        Duration.ofSeconds(failureWindow),
        process,
        switch (processNamespaces) {
          case "all" -> true;
          case "fleet" -> false;
          default -> throw new IllegalArgumentException("processNamespaces is all or fleet");
        },
        jar,
        JvmVariant.parse(operatorJvm, 0),
        variants,
        jvmVariantsN > 0
            ? jvmVariantsN
            : sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
  }

  /** The one-change scenario's number of changes at size n. */
  int changesAt(int n) {
    return atSize(changes, n);
  }

  /** Operator / lower-bound round pairs at size n. */
  int pairsAt(int n) {
    return atSize(pairs, n);
  }

  private int atSize(List<Integer> values, int n) {
    return values.size() == 1 ? values.get(0) : values.get(sizes.indexOf(n));
  }

  private static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }
}
