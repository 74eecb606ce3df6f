package io.stackpilot.badinput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Runs cases on a few threads at once, each taking the next case number as it finishes one, and
 * stops taking new ones once enough have failed to show what is wrong (the rest would only take
 * long).
 */
final class Flood {

  private final SpecFuzzer fuzzer;
  private final CaseRunner runner;
  private final int workers;
  private final int failuresToStopAt;

  Flood(SpecFuzzer fuzzer, CaseRunner runner, int workers, int failuresToStopAt) {
    this.fuzzer = fuzzer;
    this.runner = runner;
    this.workers = workers;
    this.failuresToStopAt = failuresToStopAt;
  }

  List<Outcome> run(List<Integer> caseNumbers) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool =
        Executors.newFixedThreadPool(workers, r -> new Thread(r, "flood-worker"));
    try {
      List<Future<?>> running =
          IntStream.range(0, workers)
              .mapToObj(
                  w ->
                      pool.submit(
                          () -> {
                            for (int i = next.getAndIncrement();
                                i < caseNumbers.size() && failures.get() < failuresToStopAt;
                                i = next.getAndIncrement()) {
                              List<Outcome> results =
                                  runner.run(fuzzer.generate(caseNumbers.get(i)));
                              outcomes.addAll(results);
                              failures.addAndGet(
                                  (int)
                                      results.stream().filter(o -> o.verdict().failure()).count());
                            }
                          }))
              .<Future<?>>map(f -> f)
              .toList();
      for (Future<?> worker : running) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new ArrayList<>(outcomes);
  }
}
