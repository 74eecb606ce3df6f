package io.stackpilot.datasafety;

import java.util.Optional;

/**
 * Whether a volume is snapshotted before upgrades, with which VolumeSnapshotClass, and why: the
 * sentence status shows, so a user can tell an unprotected volume from a protected one at a glance.
 *
 * @param on whether its upgrades wait for a snapshot
 * @param snapshotClass the class its snapshots use; empty when the snapshot controller chooses
 * @param why where the choice came from, as status says it
 */
public record SnapshotChoice(boolean on, Optional<String> snapshotClass, String why) {

  static SnapshotChoice on(String snapshotClass, String why) {
    return new SnapshotChoice(true, Optional.of(snapshotClass), why);
  }

  static SnapshotChoice onWithoutClass(String why) {
    return new SnapshotChoice(true, Optional.empty(), why);
  }

  static SnapshotChoice off(String why) {
    return new SnapshotChoice(false, Optional.empty(), why);
  }
}
