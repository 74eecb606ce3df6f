package io.stackpilot.lifecycle;

import io.stackpilot.api.RecoveryStatus;
import io.stackpilot.api.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A new service's first status is held back while the service is merely rolling out for the first
 * seconds after its objects were first applied (Pending, as the pass that creates its Deployment
 * sees it, or Progressing): most services are Healthy by then, and writing either first would cost
 * each of them one more status write (and a RollingOut Event) that hardly anyone sees. The hold
 * counts from the first apply, not from the service's creation, because under load a new service
 * can wait in the reconcile queue for longer than the hold. Everything else is written at once:
 * Healthy, Invalid, a failure, a failure being watched, and any later status.
 */
public final class FirstStatusHold {

  /** How long a new service may show no status while its first revision rolls out. */
  public static final Duration GRACE = Duration.ofSeconds(10);

  private FirstStatusHold() {}

  /**
   * How much longer the first status may wait, or empty when it is to be written now.
   *
   * @param found the status as the reconcile found it (an empty one for a new service)
   * @param next the status the reconcile computed
   * @param since when its objects were first applied, or when it was created while none were
   */
  public static Optional<Duration> remaining(
      ServiceStatus found, ServiceStatus next, Instant since, Instant now) {
    Phase phase = Phase.parse(next.getPhase());
    if (found.getPhase() != null
        || (phase != Phase.PENDING && phase != Phase.PROGRESSING)
        || failureWatched(next.getRecovery())) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, since.plus(GRACE));
    if (left.isNegative() || left.isZero()) {
      return Optional.empty();
    }
    // A clock behind the API server's never holds a status back for longer than the grace.
    return Optional.of(left.compareTo(GRACE) > 0 ? GRACE : left);
  }

  private static boolean failureWatched(RecoveryStatus recovery) {
    return recovery != null
        && (recovery.getFailingRevision() != null || recovery.getFailureDetectedAt() != null);
  }
}
