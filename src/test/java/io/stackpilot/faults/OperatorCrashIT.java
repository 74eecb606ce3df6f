package io.stackpilot.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.OperatorProcess;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the operator process at random points of a reconcile, a rollout, a rollback and a beta
 * stage: four services change side by side, each change waiting for the previous one of its
 * service, while the operator is killed again and again and a fresh one started each time. Every
 * change must be finished by some operator exactly once: one new pod template per rollout, two per
 * rollback (out and back), none for a beta that falls back; no revision recorded or quarantined
 * twice; no restart of a healthy revision; no canary or ConfigMap left behind; at most one Event
 * per rollback or beta outcome.
 *
 * <p>Half of the kills come after a random delay of up to {@value #MAX_DELAY_MS} ms once the fresh
 * operator is ready, half the moment it announces an action (an Event), which is inside the
 * reconcile that carries the action out. {@code -Dstackpilot.crash.kills=N} changes the number of
 * kills (50); {@code -Dstackpilot.crash.seed=S} replays the kill schedule and the beta outcomes of
 * a run, which prints its seed.
 */
@WithLocalCluster
class OperatorCrashIT {

  private static final int KILLS = Integer.getInteger("stackpilot.crash.kills", 50);
  private static final long SEED =
      Long.getLong("stackpilot.crash.seed", new SecureRandom().nextLong());
  private static final long MAX_DELAY_MS = 2500;

  /** An armed kill that sees no announcement in this time falls back to the timer. */
  private static final Duration ANNOUNCEMENT_WAIT = Duration.ofSeconds(8);

  /**
   * Longest any one wait may take before the test calls the work stuck (the machine may be loaded).
   */
  private static final Duration STUCK = Duration.ofMinutes(3);

  private final Map<Scenario, Work> inFlight = new ConcurrentHashMap<>();
  private final List<Work> finished = new ArrayList<>();
  private final List<String> killPoints = new CopyOnWriteArrayList<>();
  private boolean takingNewWork;

  @Test
  void everyChangeInterruptedBySigkillIsFinishedExactlyOnceByAFreshOperator(TestCluster cluster) {
    System.out.printf(
        "[figure] operator crash test: seed %d, %d kills (replay with -Dstackpilot.crash.seed=%d)%n",
        SEED, KILLS, SEED);
    Instant begin = Instant.now();
    Random schedule = new Random(SEED);
    List<Scenario> scenarios =
        List.of(
            new ReconcileScenario(cluster),
            new RolloutScenario(cluster),
            new RollbackScenario(cluster),
            new BetaScenario(cluster, new Random(SEED + 1)));
    List<Duration> restarts = new ArrayList<>();
    Map<String, Integer> triggers = new TreeMap<>();

    cluster.installCrds();
    SharedIndexInformer<MediaService> services =
        cluster.client().resources(MediaService.class).inNamespace(cluster.namespace()).inform();
    OperatorProcess operator = cluster.startOperatorProcess("crash-0");
    try (services;
        Killer killer = new Killer(cluster, why -> noteKill(why, services))) {
      killer.target(operator);
      operator.awaitReady(Duration.ofMinutes(2));
      scenarios.forEach(Scenario::setUp);
      stepUntil(
          "every service at rest before the first kill",
          scenarios,
          () -> scenarios.stream().allMatch(s -> s.notSettled().isEmpty()));
      takingNewWork = true;

      for (int kill = 1; kill <= KILLS; kill++) {
        OperatorProcess running = operator;
        boolean onAnnouncement = schedule.nextBoolean();
        Instant deadline =
            Instant.now()
                .plus(
                    onAnnouncement
                        ? ANNOUNCEMENT_WAIT
                        : Duration.ofMillis((long) (schedule.nextDouble() * MAX_DELAY_MS)));
        if (onAnnouncement) {
          killer.arm();
        }
        stepUntil(
            "kill " + kill, scenarios, () -> !running.isAlive() || Instant.now().isAfter(deadline));
        boolean announced = onAnnouncement && killer.disarm();
        String trigger =
            announced ? "on announcement" : onAnnouncement ? "timer (no announcement)" : "timer";
        if (announced) {
          stepUntil("kill " + kill + " on announcement", scenarios, () -> !running.isAlive());
        } else {
          killer.kill(trigger);
        }
        triggers.merge(trigger, 1, Integer::sum);

        Instant killed = Instant.now();
        operator = cluster.startOperatorProcess("crash-" + kill);
        killer.target(operator);
        OperatorProcess fresh = operator;
        stepUntil("operator " + kill + " ready", scenarios, fresh::ready);
        restarts.add(Duration.between(killed, Instant.now()));
      }
      // The last operator finishes what the kills interrupted; no new changes from here on.
      takingNewWork = false;
      stepUntil("the last changes finished", scenarios, inFlight::isEmpty);
      verifyNothingLeftOver(cluster, scenarios);
    } finally {
      operator.close();
    }
    report(scenarios, restarts, triggers, Duration.between(begin, Instant.now()));
  }

  /**
   * Notes, for the report, which work was in flight and where each service stood when a kill
   * landed.
   */
  private void noteKill(String why, SharedIndexInformer<MediaService> services) {
    for (Map.Entry<Scenario, Work> entry : inFlight.entrySet()) {
      entry.getValue().killedInFlight();
      MediaService current = cachedService(services, entry.getKey().service());
      killPoints.add(
          entry.getKey().name() + " | " + entry.getValue().kind() + " | " + Where.of(current));
    }
  }

  private static MediaService cachedService(
      SharedIndexInformer<MediaService> services, String name) {
    return services.getStore().list().stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst()
        .orElse(null);
  }

  /**
   * Moves every scenario along (verifies what is done, starts its next change) until the condition
   * holds; fails with what each change still lacks when it takes longer than {@link #STUCK}.
   */
  private void stepUntil(String what, List<Scenario> scenarios, BooleanSupplier condition) {
    try {
      await(what)
          .atMost(STUCK)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                scenarios.forEach(this::step);
                return condition.getAsBoolean();
              });
    } catch (ConditionTimeoutException e) {
      String stuck =
          scenarios.stream()
              .map(
                  s ->
                      s.name()
                          + ": "
                          + Optional.ofNullable(inFlight.get(s))
                              .map(
                                  w ->
                                      w
                                          + " in flight for "
                                          + w.age().toSeconds()
                                          + " s, lacks: "
                                          + w.missing().orElse("nothing"))
                              .orElseGet(
                                  () ->
                                      s.notSettled().map(m -> "not settled: " + m).orElse("idle")))
              .collect(Collectors.joining("\n  "));
      throw new AssertionError(
          "stuck waiting for " + what + " (seed " + SEED + "):\n  " + stuck, e);
    }
  }

  private void step(Scenario scenario) {
    Work work = inFlight.get(scenario);
    if (work == null) {
      if (takingNewWork) {
        inFlight.put(scenario, scenario.next());
      }
      return;
    }
    if (work.missing().isEmpty()) {
      try {
        work.verify().run();
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "\n(after "
                + work.killsInFlight()
                + " kill(s) in flight; seed "
                + SEED
                + ")",
            e);
      }
      finished.add(work);
      inFlight.remove(scenario);
    }
  }

  /**
   * After the last operator settled: no canary, no orphan, no restart, no degraded service, one of
   * each object.
   */
  private void verifyNothingLeftOver(TestCluster cluster, List<Scenario> scenarios) {
    for (Scenario scenario : scenarios) {
      String service = scenario.service();
      MediaService current = Owned.service(cluster, service);
      assertThat(Owned.deployments(cluster, service))
          .as("Deployments of %s", service)
          .containsExactly(service);
      assertThat(Owned.orphanConfigMaps(cluster, service))
          .as("orphan ConfigMaps of %s", service)
          .isEmpty();
      assertThat(Owned.duplicateHistory(current)).as("history of %s", service).isEmpty();
      assertThat(Owned.duplicateQuarantine(current)).as("quarantine of %s", service).isEmpty();
      assertThat(
              cluster
                  .client()
                  .services()
                  .inNamespace(cluster.namespace())
                  .withLabel("stackpilot.io/service", service)
                  .list()
                  .getItems())
          .as("Services of %s", service)
          .hasSize(1);
      assertThat(
              finished.stream()
                  .filter(w -> w.scenario().equals(scenario.name()) && w.killsInFlight() > 0))
          .as(
              "changes of %s that a kill interrupted: the test must have hit each kind of work",
              scenario.name())
          .isNotEmpty();
    }
    assertThat(Owned.allEvents(cluster))
        .as("Events of a restart or a degraded service: a kill looked like a failure")
        .noneMatch(e -> List.of("Restarted", "Degraded").contains(e.getReason()));
  }

  private void report(
      List<Scenario> scenarios,
      List<Duration> restarts,
      Map<String, Integer> triggers,
      Duration took) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "[figure] operator crash test: %d SIGKILLs in %d s (seed %d); kill triggers %s%n",
            restarts.size(), took.toSeconds(), SEED, triggers));
    List<Long> millis = restarts.stream().map(Duration::toMillis).sorted().toList();
    out.append(
        String.format(
            "[figure]   kill -> fresh operator ready: median %d ms, max %d ms%n",
            millis.get(millis.size() / 2), millis.get(millis.size() - 1)));
    for (Scenario scenario : scenarios) {
      List<Work> works =
          finished.stream().filter(w -> w.scenario().equals(scenario.name())).toList();
      Map<String, Long> byKind =
          works.stream()
              .collect(Collectors.groupingBy(Work::kind, TreeMap::new, Collectors.counting()));
      long interrupted = works.stream().filter(w -> w.killsInFlight() > 0).count();
      int most = works.stream().mapToInt(Work::killsInFlight).max().orElse(0);
      out.append(
          String.format(
              "[figure]   %-10s %d changes %s, %d interrupted by a kill (up to %d kills in one);"
                  + " %s%n",
              scenario.name(), works.size(), byKind, interrupted, most, scenario.tally()));
      Map<String, Long> where =
          killPoints.stream()
              .filter(p -> p.startsWith(scenario.name() + " |"))
              .collect(
                  Collectors.groupingBy(
                      p -> p.substring(p.indexOf('|') + 2), TreeMap::new, Collectors.counting()));
      where.forEach(
          (point, count) ->
              out.append(String.format("[figure]       killed %2d x at %s%n", count, point)));
    }
    System.out.print(out);
  }
}
