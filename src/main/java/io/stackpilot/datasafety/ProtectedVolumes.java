package io.stackpilot.datasafety;

import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.render.ObjectNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The storage items of a service that data safety looks after, and what status says about them. */
public final class ProtectedVolumes {

  private ProtectedVolumes() {}

  /** The volumes snapshotted before upgrades, each with the claim it mounts now. */
  public static List<ProtectedVolume> snapshotted(
      EffectiveService service, List<ClaimObservation> claims) {
    List<ProtectedVolume> volumes = new ArrayList<>();
    for (StorageSpec storage : service.storage()) {
      if (!Boolean.TRUE.equals(storage.getSnapshotBeforeUpgrade())) {
        continue;
      }
      String rendered = ObjectNames.claim(service.name(), storage);
      volumes.add(
          new ProtectedVolume(
              storage.getName(),
              ActiveClaims.of(storage.getName(), rendered, claims),
              Optional.ofNullable(storage.getVolumeSnapshotClassName()).filter(c -> !c.isBlank()),
              Boolean.TRUE.equals(storage.getRestoreOnRollback()) && isCreated(storage),
              storage.getSnapshotsToKeep() == null
                  ? Integer.parseInt(SchemaDefaults.SNAPSHOTS_TO_KEEP)
                  : storage.getSnapshotsToKeep()));
    }
    return volumes;
  }

  /** The restored claims the service's volumes mount instead of their rendered ones. */
  public static List<ClaimBinding.Restored> restored(
      EffectiveService service, List<ClaimObservation> claims) {
    List<ClaimBinding.Restored> bound = new ArrayList<>();
    for (StorageSpec storage : service.storage()) {
      if (!isCreated(storage)) {
        continue;
      }
      String rendered = ObjectNames.claim(service.name(), storage);
      ActiveClaims.restored(storage.getName(), claims)
          .ifPresent(
              claim ->
                  bound.add(
                      new ClaimBinding.Restored(
                          storage.getName(),
                          rendered,
                          claim.name(),
                          claim.restoredFrom().orElseThrow(),
                          claim.replaces().orElse(rendered),
                          claim.failedRevision().orElse(""))));
    }
    return bound;
  }

  /** Status for the volumes that are snapshotted or were restored: which claim holds which data. */
  public static List<VolumeStatus> status(
      EffectiveService service, List<ClaimBinding.Restored> restored) {
    List<VolumeStatus> statuses = new ArrayList<>();
    for (StorageSpec storage : service.storage()) {
      Optional<ClaimBinding.Restored> binding =
          restored.stream().filter(r -> r.storage().equals(storage.getName())).findFirst();
      if (binding.isEmpty() && !Boolean.TRUE.equals(storage.getSnapshotBeforeUpgrade())) {
        continue;
      }
      VolumeStatus status = new VolumeStatus();
      status.setName(storage.getName());
      status.setClaim(
          binding
              .map(ClaimBinding.Restored::claim)
              .orElse(ObjectNames.claim(service.name(), storage)));
      binding.ifPresent(
          b -> {
            status.setRestoredFrom(b.snapshot());
            status.setMigratedClaim(b.replaces());
            status.setFailedRevision(b.failedRevision().isEmpty() ? null : b.failedRevision());
          });
      statuses.add(status);
    }
    return statuses;
  }

  private static boolean isCreated(StorageSpec storage) {
    return storage.getExistingClaim() == null || storage.getExistingClaim().isEmpty();
  }
}
