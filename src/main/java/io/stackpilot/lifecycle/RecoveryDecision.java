package io.stackpilot.lifecycle;

import io.stackpilot.api.QuarantinedRevision;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What to do: which revision should be live ({@code target}), whether that needs a rollback or a
 * restart (written to status before it is carried out, so it happens exactly once), and the status,
 * notices and wake-up time that go with it.
 *
 * @param target the revision to apply: the desired one, or the last healthy one while the desired
 *     one is quarantined
 * @param action what the write of the target means
 * @param wakeAt when to look again even if nothing changes (a failure window or a back-off ending)
 */
public record RecoveryDecision(
    String target,
    Action action,
    RecoveryState state,
    List<QuarantinedRevision> quarantine,
    Optional<String> lastHealthyRevision,
    List<Notice> notices,
    Optional<Instant> wakeAt) {

  /** The meaning of applying the target. */
  public enum Action {
    /** Apply the target as it is; usually nothing changes. */
    APPLY,
    /** A new rollback to the last healthy revision: record it first, then apply. */
    ROLL_BACK,
    /** A rollout restart of the live revision: record it first, then apply. */
    RESTART
  }

  /** Rollbacks and restarts are recorded in status before they are carried out. */
  public boolean recordFirst() {
    return action != Action.APPLY;
  }
}
