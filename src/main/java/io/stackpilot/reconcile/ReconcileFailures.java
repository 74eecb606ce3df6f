package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stackpilot.lifecycle.ReconcileFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failures each resource's reconciles are meeting now: how many attempts in a row failed, since
 * when, and whether the user has been told (in status and an Event) of the current cause. Kept in
 * memory only: it counts back-off and avoids telling the same cause at every retry; what the user
 * sees is in the resource's status. A failure that could not be told (the API server was
 * unreachable) is told once the resource reconciles again.
 */
final class ReconcileFailures {

  /**
   * @param first the cause the streak began with; {@code failure} is the latest
   */
  record Streak(
      ReconcileFailure first,
      ReconcileFailure failure,
      int attempts,
      Instant since,
      boolean told) {}

  private final Clock clock;
  private final Map<ResourceID, Streak> streaks = new ConcurrentHashMap<>();

  ReconcileFailures(Clock clock) {
    this.clock = clock;
  }

  /** One more failed attempt; a cause that differs from the last one is to be told anew. */
  Streak failed(ResourceID resource, ReconcileFailure failure) {
    return streaks.compute(
        resource,
        (id, streak) ->
            streak == null
                ? new Streak(failure, failure, 1, clock.instant(), false)
                : new Streak(
                    streak.first(),
                    failure,
                    streak.attempts() + 1,
                    streak.since(),
                    streak.told() && failure.sameAs(streak.failure())));
  }

  void told(ResourceID resource) {
    streaks.computeIfPresent(
        resource,
        (id, streak) ->
            new Streak(streak.first(), streak.failure(), streak.attempts(), streak.since(), true));
  }

  /** The resource reconciled: the streak it ends, if any. */
  Optional<Streak> succeeded(ResourceID resource) {
    return Optional.ofNullable(streaks.remove(resource));
  }

  void forget(ResourceID resource) {
    streaks.remove(resource);
  }
}
