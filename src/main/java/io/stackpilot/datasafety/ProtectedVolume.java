package io.stackpilot.datasafety;

import java.util.Optional;

/**
 * A storage item data safety looks after, with the claim the service mounts now.
 *
 * @param storage the item's name
 * @param claim the claim the service mounts now (a restored one after a data rollback)
 * @param snapshotClass the VolumeSnapshotClass of its pre-upgrade snapshots
 * @param restoreOnRollback whether a rollback of a failed upgrade also restores the data
 * @param snapshotsToKeep how many of its snapshots Stackpilot keeps
 */
public record ProtectedVolume(
    String storage,
    String claim,
    Optional<String> snapshotClass,
    boolean restoreOnRollback,
    int snapshotsToKeep) {}
