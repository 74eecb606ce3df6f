package io.stackpilot.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.stackpilot.testing.CapturedLogs;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 5: a flood of random and adversarial ServiceStacks and services, generated from a
 * seed (see {@link SpecFuzzer}), sent through the API server. Each object must be rejected there
 * with a message naming the field, or accepted and then judged by the operator in its status;
 * meanwhile a healthy neighbour keeps getting its changes applied, nothing is rendered for a spec
 * the operator judged invalid, and the operator logs no unexpected failure.
 *
 * <p>{@code -Dstackpilot.fuzz.cases=N} (default 2000; the suite's time on 2 cores is bounded),
 * {@code .seed}, {@code .workers} (8); to replay one case, {@code -Dstackpilot.fuzz.only=i} with
 * its seed.
 */
@WithLocalCluster
class BadInputIT {

  private static final int CASES = Integer.getInteger("stackpilot.fuzz.cases", 2000);
  private static final long SEED = Long.getLong("stackpilot.fuzz.seed", 20261127L);
  private static final int WORKERS = Integer.getInteger("stackpilot.fuzz.workers", 8);
  private static final Integer ONLY = Integer.getInteger("stackpilot.fuzz.only");

  /**
   * How long the operator may take to judge one accepted object; generous, the machine is shared.
   */
  private static final Duration JUDGEMENT = Duration.ofSeconds(60);

  /**
   * A change to the neighbour must land within this even under the flood: a stall, not a slowdown.
   */
  private static final Duration NEIGHBOUR_BOUND = Duration.ofSeconds(60);

  @Test
  void everyBadSpecIsRejectedNamingTheFieldOrJudgedByTheOperatorWhileItsNeighbourKeepsReconciling(
      TestCluster cluster) throws Exception {
    cluster.installCrds();
    FloodFixtures.create(cluster);
    try (CapturedLogs logs = CapturedLogs.atProductionLevels();
        RunningOperator operator = cluster.startOperator();
        StatusWatch statuses = new StatusWatch(cluster.client(), cluster.namespace());
        RenderedObjects rendered = new RenderedObjects(cluster.client(), cluster.namespace())) {
      NeighbourProbe neighbour = new NeighbourProbe(cluster, NEIGHBOUR_BOUND);
      neighbour.create();
      for (int i = 0; i < 5; i++) {
        neighbour.change();
      }
      List<Long> usual = neighbour.latencies();
      neighbour.reset();

      List<Integer> caseNumbers =
          ONLY != null ? List.of(ONLY) : IntStream.range(0, CASES).boxed().toList();
      Flood flood =
          new Flood(
              new SpecFuzzer(SEED), new CaseRunner(cluster, statuses, JUDGEMENT), WORKERS, 25);
      AtomicBoolean flooding = new AtomicBoolean(true);
      CompletableFuture<Void> probing =
          CompletableFuture.runAsync(
              () -> {
                while (flooding.get()) {
                  neighbour.change();
                }
              });
      double reconcilesBefore = operator.reconciles();
      long start = System.nanoTime();
      List<Outcome> outcomes;
      try {
        outcomes = flood.run(caseNumbers);
      } finally {
        flooding.set(false);
      }
      long floodMillis = (System.nanoTime() - start) / 1_000_000;
      probing.get();
      List<Long> during = neighbour.latencies();
      // Once the flood is over, the neighbour still takes changes: the operator did not wedge.
      long after = neighbour.change();

      report(
          outcomes,
          caseNumbers.size(),
          floodMillis,
          usual,
          during,
          after,
          operator.reconciles() - reconcilesBefore);

      List<Outcome> failures = outcomes.stream().filter(o -> o.verdict().failure()).toList();
      assertThat(failures)
          .as(
              "objects neither rejected naming the field nor judged by the operator:%n%s",
              describe(failures))
          .isEmpty();
      // Only these mutations make bodies the decoder cannot turn into an object at all.
      assertThat(outcomes.stream().filter(o -> o.verdict() == Verdict.REJECTED_BY_THE_JSON_DECODER))
          .as("rejections by the JSON decoder")
          .allSatisfy(
              o ->
                  assertThat(o.fuzzCase().mutations())
                      .as(o.describe())
                      .containsAnyOf("deep-nesting", "huge-number", "metadata-garbage"));
      assertThat(outcomes.stream().filter(o -> o.verdict() == Verdict.REJECTED_AS_TOO_LARGE))
          .as("rejections for size")
          .allSatisfy(
              o ->
                  assertThat(o.fuzzCase().mutations())
                      .as(o.describe())
                      .containsAnyOf(
                          "one-mib-string",
                          "over-length-string",
                          "too-many-items",
                          "metadata-garbage"));
      assertThat(outcomes.stream().map(o -> o.fuzzCase().index()).distinct().count())
          .as("cases run")
          .isEqualTo(caseNumbers.size());
      assertThat(outcomes.stream().filter(o -> o.fuzzCase().mutations().isEmpty()))
          .as("unmutated base specs")
          .allSatisfy(
              o ->
                  assertThat(o.verdict())
                      .as(o.describe())
                      .isEqualTo(Verdict.ACCEPTED_AND_REPORTED_VALID));

      // Cases of one object only: a member of a cycle, or a service whose namesake of another kind
      // came a moment later, was valid and could roll out until the other object arrived.
      List<Outcome> renderedAnyway =
          outcomes.stream()
              .filter(
                  o ->
                      o.verdict() == Verdict.ACCEPTED_AND_REPORTED_INVALID
                          && o.fuzzCase().objects().size() == 1)
              .filter(o -> rendered.anyFor(o.object().kind().kind, o.object().name()))
              .toList();
      assertThat(renderedAnyway)
          .as(
              "objects rendered for specs the operator judged invalid:%n%s",
              describe(renderedAnyway))
          .isEmpty();
      assertThat(rendered.contestedDeployments())
          .as("Deployments owned by more than one service")
          .isEmpty();

      assertThat(during).as("neighbour changes during the flood").hasSizeGreaterThanOrEqualTo(3);
      assertThat(Collections.max(during))
          .as("slowest neighbour change during the flood, ms")
          .isLessThan(NEIGHBOUR_BOUND.toMillis());
      assertThat(operator.isReady())
          .as("operator started with its caches synced after the flood")
          .isTrue();
      List<String> unexpected = unexpectedFailures(logs.events());
      assertThat(unexpected)
          .as("failures the operator logged that deleting a case under it does not explain")
          .isEmpty();
    }
  }

  private static void report(
      List<Outcome> outcomes,
      int cases,
      long floodMillis,
      List<Long> usual,
      List<Long> during,
      long after,
      double reconciles) {
    long bytes = outcomes.stream().mapToLong(o -> o.object().json().length).sum();
    System.out.printf(
        "[figure] bad input: %d cases, %d objects, %.1f MiB sent, in %.1f s with %d workers (seed %d)%n",
        cases,
        outcomes.size(),
        bytes / (double) Mutations.MIB,
        floodMillis / 1000.0,
        WORKERS,
        SEED);
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    outcomes.forEach(o -> verdicts.merge(o.verdict(), 1L, Long::sum));
    for (Verdict verdict : Verdict.values()) {
      System.out.printf(
          "[figure] bad input verdict: %s: %d%n",
          verdict.description, verdicts.getOrDefault(verdict, 0L));
    }
    Map<String, Map<Verdict, Long>> byMutation = new TreeMap<>();
    for (Outcome outcome : outcomes) {
      List<String> names =
          outcome.fuzzCase().mutations().isEmpty()
              ? List.of("(none)")
              : outcome.fuzzCase().mutations().stream().distinct().toList();
      names.forEach(
          name ->
              byMutation
                  .computeIfAbsent(name, k -> new EnumMap<>(Verdict.class))
                  .merge(outcome.verdict(), 1L, Long::sum));
    }
    System.out.println(
        "bad input by mutation (objects; rejected naming field / too large / by decoder / valid"
            + " / invalid / failures):");
    byMutation.forEach(
        (name, counts) ->
            System.out.printf(
                "  %-34s %5d %5d %5d %5d %5d %5d%n",
                name,
                counts.getOrDefault(Verdict.REJECTED_NAMING_THE_FIELD, 0L),
                counts.getOrDefault(Verdict.REJECTED_AS_TOO_LARGE, 0L),
                counts.getOrDefault(Verdict.REJECTED_BY_THE_JSON_DECODER, 0L),
                counts.getOrDefault(Verdict.ACCEPTED_AND_REPORTED_VALID, 0L),
                counts.getOrDefault(Verdict.ACCEPTED_AND_REPORTED_INVALID, 0L),
                counts.entrySet().stream()
                    .filter(e -> e.getKey().failure())
                    .mapToLong(Map.Entry::getValue)
                    .sum()));
    System.out.printf(
        "[figure] neighbour change applied, before the flood: median %d ms, max %d ms (%d changes)%n",
        percentile(usual, 50), percentile(usual, 100), usual.size());
    System.out.printf(
        "[figure] neighbour change applied, during the flood: median %d ms, p90 %d ms, max %d ms"
            + " (%d changes); after it: %d ms%n",
        percentile(during, 50),
        percentile(during, 90),
        percentile(during, 100),
        during.size(),
        after);
    System.out.printf("[figure] operator reconciles during the flood: %.0f%n", reconciles);
  }

  /**
   * Logged failures other than those of a reconcile racing the deletion of its case (a 404 or 409
   * from the API server), grouped by logger and exception, each with its count.
   */
  private static List<String> unexpectedFailures(List<ILoggingEvent> events) {
    Map<String, Long> grouped = new TreeMap<>();
    for (ILoggingEvent event : events) {
      boolean failure =
          event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null;
      if (!failure || raceWithDeletion(event.getThrowableProxy())) {
        continue;
      }
      grouped.merge(
          event.getLoggerName()
              + ": "
              + event.getFormattedMessage().lines().findFirst().orElse("")
              + " / "
              + rootCause(event.getThrowableProxy()),
          1L,
          Long::sum);
    }
    return grouped.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).toList();
  }

  private static boolean raceWithDeletion(IThrowableProxy thrown) {
    for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
      if (t.getClassName().endsWith("KubernetesClientException")
          && (t.getMessage().contains("Not Found")
              || t.getMessage().contains("code=404")
              || t.getMessage().contains("code=409")
              || t.getMessage().contains("Conflict"))) {
        return true;
      }
    }
    return false;
  }

  private static String rootCause(IThrowableProxy thrown) {
    if (thrown == null) {
      return "no exception";
    }
    IThrowableProxy root = thrown;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    return root.getClassName()
        + ": "
        + (message.length() > 300 ? message.substring(0, 300) + "..." : message);
  }

  private static long percentile(List<Long> values, int percent) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(
        Math.min(
            sorted.size() - 1,
            (int) Math.ceil(percent / 100.0 * sorted.size()) - 1 < 0
                ? 0
                : (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }

  private static String describe(List<Outcome> outcomes) {
    return outcomes.stream().limit(40).map(Outcome::describe).collect(Collectors.joining("\n"))
        + (outcomes.size() > 40 ? "\n... and " + (outcomes.size() - 40) + " more" : "");
  }
}
