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
 */
public record SnapshotObservation(
    String name,
    String sourceClaim,
    Optional<String> storage,
    Optional<String> beforeRevision,
    boolean managed,
    boolean readyToUse,
    Optional<String> error,
    Instant createdAt) {}
