package io.stackpilot.datasafety;

import io.stackpilot.api.VolumeStatus;
import java.util.List;
import java.util.Optional;

/**
 * What to tell when the revision a service was rolled back to fails: the failed upgrade may have
 * changed the data the old revision now reads (a schema migration it cannot undo), and a claim that
 * was not restored still holds what the failed revision left. Names each such claim and the
 * snapshot taken before that upgrade, which holds the data as the old revision knew it. Pure.
 */
public final class DataLeftBehind {

  private DataLeftBehind() {}

  /**
   * @param volumes the protected volumes of the service (snapshotted before upgrades)
   * @param failedRevision the revision that was rolled back
   */
  public static Optional<String> after(List<VolumeStatus> volumes, String failedRevision) {
    List<VolumeStatus> notRestored =
        volumes.stream()
            .filter(v -> v.getClaim() != null)
            .filter(
                v -> v.getRestoredFrom() == null || !failedRevision.equals(v.getFailedRevision()))
            .toList();
    if (notRestored.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder message = new StringBuilder();
    for (VolumeStatus volume : notRestored) {
      message
          .append(message.isEmpty() ? "" : "; ")
          .append("claim ")
          .append(volume.getClaim())
          .append(" (storage ")
          .append(volume.getName())
          .append(") still holds the data as revision ")
          .append(failedRevision)
          .append(" left it, since restoreOnRollback is off; VolumeSnapshot ")
          .append(SnapshotNames.beforeUpgrade(volume.getClaim(), failedRevision))
          .append(" holds it as it was before that upgrade");
    }
    return Optional.of(
        message
            + ". If the old revision cannot read what the failed one wrote, restore the claim from"
            + " that snapshot (docs/design.md, Data safety), or set restoreOnRollback: true for"
            + " the next upgrade");
  }
}
