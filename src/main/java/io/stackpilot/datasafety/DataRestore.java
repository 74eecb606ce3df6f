package io.stackpilot.datasafety;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans the data half of a rollback. When a revision that was snapshotted before its upgrade fails
 * and is rolled back, each volume with restoreOnRollback gets a new claim restored from the
 * snapshot taken before that upgrade; the claim the failed revision migrated is kept, marked, for
 * the user. Pure.
 *
 * <p>A restore is started only while the failed revision is still the one running: that is the
 * moment of the rollback. Once its claim exists the restore is done, whatever happens to the
 * operator in between; a rollback that happened without a restore (the option was off, or there was
 * no snapshot) is never turned into a late, surprising one.
 */
public final class DataRestore {

  private DataRestore() {}

  /**
   * A claim to restore for a storage item, from a snapshot, replacing the claim that was
   * snapshotted.
   */
  public record Restore(
      String storage,
      String snapshot,
      String replacedClaim,
      String restoredClaim,
      String failedRevision) {}

  /** What to do now, and the volumes that have no snapshot to restore (to say so once). */
  public record Plan(List<Restore> restores, List<String> withoutSnapshot) {}

  /**
   * @param failedRevision the revision being rolled back
   * @param liveRevision the revision the Deployment runs now
   */
  public static Plan plan(
      String service,
      String failedRevision,
      Optional<String> liveRevision,
      List<ProtectedVolume> volumes,
      List<SnapshotObservation> snapshots,
      List<ClaimObservation> claims) {
    List<Restore> restores = new ArrayList<>();
    List<String> withoutSnapshot = new ArrayList<>();
    boolean rollingBackNow = liveRevision.filter(failedRevision::equals).isPresent();
    for (ProtectedVolume volume : volumes) {
      if (!volume.restoreOnRollback()) {
        continue;
      }
      Optional<SnapshotObservation> before =
          snapshots.stream()
              .filter(SnapshotObservation::managed)
              .filter(s -> s.storage().filter(volume.storage()::equals).isPresent())
              .filter(s -> s.beforeRevision().filter(failedRevision::equals).isPresent())
              .filter(SnapshotObservation::readyToUse)
              .findFirst();
      if (before.isEmpty()) {
        if (rollingBackNow) {
          withoutSnapshot.add(volume.storage());
        }
        continue;
      }
      String restored = SnapshotNames.restoredClaim(service, volume.storage(), before.get().name());
      boolean exists = claims.stream().anyMatch(c -> c.name().equals(restored));
      if (exists || rollingBackNow) {
        restores.add(
            new Restore(
                volume.storage(),
                before.get().name(),
                before.get().sourceClaim(),
                restored,
                failedRevision));
      }
    }
    return new Plan(List.copyOf(restores), List.copyOf(withoutSnapshot));
  }
}
