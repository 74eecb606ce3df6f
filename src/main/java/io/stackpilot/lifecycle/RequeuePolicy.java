package io.stackpilot.lifecycle;

import io.stackpilot.datasafety.SnapshotGate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a service is looked at again without an event, decided in one place from what a reconcile
 * decided. Most waits are ended by a watch (a pod turning ready, a neighbour changing, an input
 * arriving); only these are not:
 *
 * <ul>
 *   <li>a snapshot before an upgrade: its readiness is not watched, so the gate says when to look,
 *       and a blocked upgrade (retried by deleting the failed snapshot, which nothing here sees) is
 *       looked at every {@link #BLOCKED_POLL};
 *   <li>a timer of recovery or of the beta rollout (a failure window, a restart's back-off, a
 *       stage's soak), looked at just after it runs out;
 *   <li>a wait for another service or object that a wake might have reached while this reconcile
 *       was still running (a dependency, a protector, a namesake going away, a companion API that
 *       may not be watched): looked at again every {@link #WAITING_POLL}.
 * </ul>
 */
public final class RequeuePolicy {

  static final Duration WAITING_POLL = Duration.ofSeconds(3);
  static final Duration BLOCKED_POLL = Duration.ofSeconds(30);

  /** After a timer: a reconcile exactly at its end could still see it running. */
  static final Duration AFTER_TIMER = Duration.ofMillis(50);

  private RequeuePolicy() {}

  /**
   * @param recoveryWake when recovery's next timer runs out, if one runs
   * @param rolloutWake when the beta rollout's next timer runs out, if one runs
   * @param snapshots the snapshot gate, when an upgrade waits for it or is blocked by it
   * @param waiting whether the service waits for something a wake may have missed
   * @return how long to wait, or empty to wait for an event alone
   */
  public static Optional<Duration> lookAgain(
      Instant now,
      Optional<Instant> recoveryWake,
      Optional<Instant> rolloutWake,
      Optional<SnapshotGate> snapshots,
      boolean waiting) {
    if (snapshots.isPresent()) {
      return Optional.of(
          snapshots.get().wakeAt().map(at -> untilJustAfter(now, at)).orElse(BLOCKED_POLL));
    }
    Optional<Duration> timer =
        recoveryWake
            .or(() -> rolloutWake)
            .map(at -> untilJustAfter(now, at))
            .filter(after -> !after.isNegative());
    if (timer.isPresent()) {
      return timer;
    }
    return waiting ? Optional.of(WAITING_POLL) : Optional.empty();
  }

  private static Duration untilJustAfter(Instant now, Instant at) {
    return Duration.between(now, at).plus(AFTER_TIMER);
  }
}
