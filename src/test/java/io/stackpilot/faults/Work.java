package io.stackpilot.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One piece of work a change asks of the operator (a reconcile, a rollout, a rollback, a beta
 * rollout), started when the change is applied and finished when the cluster shows its result. The
 * kills that land while it is in flight are counted, so a report can say how many were interrupted
 * and where.
 *
 * @param unfinished what the cluster does not show yet, in words; empty once the work is done
 * @param verify the "exactly once" checks, run once the work is done; they throw when violated
 */
record Work(
    String scenario,
    String kind,
    String change,
    Instant started,
    Supplier<Optional<String>> unfinished,
    Runnable verify,
    AtomicInteger kills) {

  static Work started(
      String scenario,
      String kind,
      String change,
      Supplier<Optional<String>> unfinished,
      Runnable verify) {
    return new Work(scenario, kind, change, Instant.now(), unfinished, verify, new AtomicInteger());
  }

  /**
   * What is still missing; an exception while reading (an object not there yet) counts as missing.
   */
  Optional<String> missing() {
    try {
      return unfinished.get();
    } catch (RuntimeException e) {
      return Optional.of("not readable yet: " + e);
    }
  }

  void killedInFlight() {
    kills.incrementAndGet();
  }

  int killsInFlight() {
    return kills.get();
  }

  Duration age() {
    return Duration.between(started, Instant.now());
  }

  @Override
  public String toString() {
    return scenario + " " + kind + " (" + change + ")";
  }
}
