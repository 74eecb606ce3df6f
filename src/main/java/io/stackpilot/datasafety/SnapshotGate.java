package io.stackpilot.datasafety;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What stands between an upgrade and its new pods when volumes are snapshotted first.
 *
 * @param step what to do now
 * @param toCreate the snapshots to create now
 * @param message what the service waits for, or why the upgrade is blocked, for the status
 * @param wakeAt when to look again without an event (a snapshot's readiness is not watched)
 * @param toReplace snapshots of a class the spec no longer names, never ready: deleted now, taken
 *     again once gone
 */
public record SnapshotGate(
    Step step,
    List<PlannedSnapshot> toCreate,
    String message,
    Optional<Instant> wakeAt,
    List<String> toReplace) {

  public SnapshotGate(
      Step step, List<PlannedSnapshot> toCreate, String message, Optional<Instant> wakeAt) {
    this(step, toCreate, message, wakeAt, List.of());
  }

  /** The condition reason while snapshots are taken before an upgrade. */
  public static final String WAITING_REASON = "SnapshotInProgress";

  /** The condition reason while a failed snapshot blocks the upgrade. */
  public static final String BLOCKED_REASON = "SnapshotFailed";

  public enum Step {
    /** Every snapshot is ready: the upgrade may go ahead. */
    OPEN,
    /** Stop the running pods first, so the snapshot holds data nobody is writing. */
    STOP_RUNNING_PODS,
    /** Snapshots are being taken (or about to be): wait. */
    WAIT,
    /**
     * A snapshot failed or timed out: the upgrade waits for a human; the running revision runs on.
     */
    BLOCKED
  }

  /**
   * A snapshot to take: of which claim, for which item, before which revision, with which class.
   */
  public record PlannedSnapshot(
      String name, String claim, String storage, String revision, String snapshotClass) {}

  public boolean open() {
    return step == Step.OPEN;
  }
}
