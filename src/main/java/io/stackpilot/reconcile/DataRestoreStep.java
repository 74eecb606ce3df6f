package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.datasafety.ClaimBinding;
import io.stackpilot.datasafety.ClaimObservation;
import io.stackpilot.datasafety.DataRestore;
import io.stackpilot.datasafety.DataSafetyLabels;
import io.stackpilot.datasafety.ProtectedVolume;
import io.stackpilot.datasafety.SnapshotObservation;
import io.stackpilot.render.ObjectNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out what the data-safety core decides when a failed upgrade is rolled back: marks the
 * claim the failed revision migrated (kept, never deleted) and hands back the restored claims the
 * Deployment must mount. The snapshot API is read only while such a rollback is under way.
 */
final class DataRestoreStep {

  private final OperatorContext operator;

  DataRestoreStep(OperatorContext operator) {
    this.operator = operator;
  }

  /**
   * While a failed upgrade is being rolled back: the restored claims the Deployment must mount.
   * Marks each claim the failed revision migrated (it is kept, never deleted) and says which claim
   * holds what.
   */
  List<ClaimBinding.Restored> restoreOnRollback(
      HasMetadata service,
      EffectiveService effective,
      String failedRevision,
      Optional<String> liveRevision,
      List<ProtectedVolume> volumes,
      List<ClaimObservation> claims,
      List<ClaimBinding.Restored> bound) {
    if (volumes.stream().noneMatch(ProtectedVolume::restoreOnRollback)) {
      return bound;
    }
    List<SnapshotObservation> snapshots =
        VolumeSnapshots.of(
            operator.client(), service.getMetadata().getNamespace(), effective.name());
    DataRestore.Plan plan =
        DataRestore.plan(
            effective.name(), failedRevision, liveRevision, volumes, snapshots, claims);
    Map<String, ClaimBinding.Restored> byStorage = new LinkedHashMap<>();
    bound.forEach(b -> byStorage.put(b.storage(), b));
    for (DataRestore.Restore restore : plan.restores()) {
      String rendered =
          effective.storage().stream()
              .filter(s -> s.getName().equals(restore.storage()))
              .findFirst()
              .map(s -> ObjectNames.claim(effective.name(), s))
              .orElseThrow();
      if (markMigrated(service, restore, claims)) {
        operator
            .events()
            .record(
                service,
                EventRecorder.Type.Warning,
                "DataRestored",
                "Rolled the data of storage "
                    + restore.storage()
                    + " back with revision "
                    + failedRevision
                    + ": claim "
                    + restore.restoredClaim()
                    + " is restored from VolumeSnapshot "
                    + restore.snapshot()
                    + " (taken before the upgrade) and is mounted"
                    + " now; claim "
                    + restore.replacedClaim()
                    + " keeps the data as revision "
                    + failedRevision
                    + " left it, labelled "
                    + DataSafetyLabels.DATA
                    + "="
                    + DataSafetyLabels.MIGRATED
                    + ", for you to inspect or delete");
      }
      byStorage.put(
          restore.storage(),
          new ClaimBinding.Restored(
              restore.storage(),
              rendered,
              restore.restoredClaim(),
              restore.snapshot(),
              restore.replacedClaim(),
              failedRevision));
    }
    for (String storage : plan.withoutSnapshot()) {
      operator
          .events()
          .record(
              service,
              EventRecorder.Type.Warning,
              "DataNotRestored",
              "Storage "
                  + storage
                  + " asks for restoreOnRollback, but no ready snapshot was taken before revision "
                  + failedRevision
                  + ": the rollback restores the revision only, and the data stays as that revision left it");
    }
    return new ArrayList<>(byStorage.values());
  }

  /** Labels the claim the failed revision migrated, once; returns whether it did so now. */
  private boolean markMigrated(
      HasMetadata service, DataRestore.Restore restore, List<ClaimObservation> claims) {
    boolean marked =
        claims.stream().anyMatch(c -> c.name().equals(restore.replacedClaim()) && c.migrated());
    if (marked) {
      return false;
    }
    String patch =
        "{\"metadata\":{\"labels\":{\""
            + DataSafetyLabels.DATA
            + "\":\""
            + DataSafetyLabels.MIGRATED
            + "\"},\"annotations\":{\""
            + DataSafetyLabels.FAILED_REVISION
            + "\":\""
            + restore.failedRevision()
            + "\",\""
            + DataSafetyLabels.REPLACED_BY
            + "\":\""
            + restore.restoredClaim()
            + "\"}}}";
    operator
        .client()
        .persistentVolumeClaims()
        .inNamespace(service.getMetadata().getNamespace())
        .withName(restore.replacedClaim())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    operator.writes().record("PersistentVolumeClaim");
    return true;
  }
}
