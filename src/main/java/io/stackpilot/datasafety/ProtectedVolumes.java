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
      EffectiveService service, List<ClaimObservation> claims, SnapshotEnvironment environment) {
    List<ProtectedVolume> volumes = new ArrayList<>();
    for (StorageSpec storage : service.storage()) {
      String claim =
          ActiveClaims.of(storage.getName(), ObjectNames.claim(service.name(), storage), claims);
      SnapshotChoice choice = choice(service, storage, claim, environment);
      if (!choice.on()) {
        continue;
      }
      volumes.add(
          new ProtectedVolume(
              storage.getName(),
              claim,
              choice.snapshotClass(),
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

  /**
   * Status for the volumes whose snapshots are on, left to the defaults of a cluster with the
   * snapshot API, or were restored: which claim holds which data, and whether and how its upgrades
   * are snapshotted.
   */
  public static List<VolumeStatus> status(
      EffectiveService service,
      List<ClaimBinding.Restored> restored,
      SnapshotEnvironment environment) {
    List<VolumeStatus> statuses = new ArrayList<>();
    for (StorageSpec storage : service.storage()) {
      Optional<ClaimBinding.Restored> binding =
          restored.stream().filter(r -> r.storage().equals(storage.getName())).findFirst();
      String claim =
          binding
              .map(ClaimBinding.Restored::claim)
              .orElse(ObjectNames.claim(service.name(), storage));
      SnapshotChoice choice = choice(service, storage, claim, environment);
      // Left to the defaults where the cluster could take snapshots: status says why it does not.
      boolean automatic =
          storage.getSnapshotBeforeUpgrade() == null && environment.classes().isPresent();
      if (binding.isEmpty() && !choice.on() && !automatic) {
        continue;
      }
      VolumeStatus status = new VolumeStatus();
      status.setName(storage.getName());
      status.setClaim(claim);
      status.setSnapshotsBeforeUpgrade(choice.why());
      choice.snapshotClass().ifPresent(status::setVolumeSnapshotClass);
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

  /** Whether and how a volume is snapshotted before upgrades, given the claim it mounts. */
  public static SnapshotChoice choice(
      EffectiveService service,
      StorageSpec storage,
      String claim,
      SnapshotEnvironment environment) {
    return SnapshotDefaults.choose(
        storage,
        Optional.ofNullable(
            service
                .provenance()
                .layers()
                .get("storage." + storage.getName() + ".volumeSnapshotClassName")),
        environment.driverOf(claim),
        environment.classes());
  }

  private static boolean isCreated(StorageSpec storage) {
    return storage.getExistingClaim() == null || storage.getExistingClaim().isEmpty();
  }
}
