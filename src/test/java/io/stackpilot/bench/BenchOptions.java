package io.stackpilot.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What `make bench BENCH_ARGS="..."` may set, as key=value words:
 * n=100,300 pairs=2 namespaces=10 concurrency=10 threads=10 changes=20 resync=10 timeout=900 out=bench/results
 * controllerQps=200 (kube-controller-manager's --kube-api-qps; 0 keeps its default of 20)
 */
record BenchOptions(List<Integer> sizes, int pairs, int namespaces, int concurrency, int reconcileThreads,
    int changes, Duration atRestResync, Duration timeout, String outDir, int controllerQps) {

  static BenchOptions parse(String[] args) {
    List<Integer> sizes = List.of(100, 300);
    int pairs = 2;
    int namespaces = 10;
    int concurrency = 10;
    int threads = 10;
    int changes = 20;
    int resync = 10;
    int timeout = 900;
    String out = "bench/results";
    int controllerQps = 200;
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
          case "n" -> sizes = Arrays.stream(kv[1].split(",")).map(Integer::parseInt).toList();
          case "pairs" -> pairs = Integer.parseInt(kv[1]);
          case "namespaces" -> namespaces = Integer.parseInt(kv[1]);
          case "concurrency" -> concurrency = Integer.parseInt(kv[1]);
          case "threads" -> threads = Integer.parseInt(kv[1]);
          case "changes" -> changes = Integer.parseInt(kv[1]);
          case "resync" -> resync = Integer.parseInt(kv[1]);
          case "timeout" -> timeout = Integer.parseInt(kv[1]);
          case "out" -> out = kv[1];
          case "controllerQps" -> controllerQps = Integer.parseInt(kv[1]);
          default -> throw new IllegalArgumentException("unknown option " + kv[0]
              + " (known: n, pairs, namespaces, concurrency, threads, changes, resync, timeout, out, controllerQps)");
        }
      }
    }
    return new BenchOptions(sizes, pairs, namespaces, concurrency, threads, changes, Duration.ofSeconds(resync),
        Duration.ofSeconds(timeout), out, controllerQps);
  }
}
