package io.stackpilot.datasafety;

import java.time.Instant;
import java.util.Optional;

/**
 * A VolumeSnapshot as data safety sees it.
 *
 * @param managed whether Stackpilot made it (it carries the managed-by label); only those are ever
 *     deleted
 * @param storage the storage item it belongs to, if Stackpilot made it
 * @param beforeRevision the revision whose upgrade it was taken before, if Stackpilot made it
 * @param error the snapshotter's error message, if it reported one
 * @param snapshotClass the VolumeSnapshotClass it was asked of, if it names one
 * @param deletedAt when its deletion was asked for, while it waits for its finalizers
 */
public record SnapshotObservation(
    String name,
    String sourceClaim,
    Optional<String> storage,
    Optional<String> beforeRevision,
    boolean managed,
    boolean readyToUse,
    Optional<String> error,
    Instant createdAt,
    Optional<String> snapshotClass,
    Optional<Instant> deletedAt) {

  /** A snapshot that names no class and stays. */
  public SnapshotObservation(
      String name,
      String sourceClaim,
      Optional<String> storage,
      Optional<String> beforeRevision,
      boolean managed,
      boolean readyToUse,
      Optional<String> error,
      Instant createdAt) {
    this(
        name,
        sourceClaim,
        storage,
        beforeRevision,
        managed,
        readyToUse,
        error,
        createdAt,
        Optional.empty(),
        Optional.empty());
  }
}
