package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.datasafety.ClaimObservation;
import io.stackpilot.datasafety.PreUpgradeSnapshots;
import io.stackpilot.datasafety.ProtectedVolume;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.datasafety.SnapshotObservation;
import io.stackpilot.datasafety.SnapshotRetention;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.lifecycle.ConditionType;
import io.stackpilot.lifecycle.Conditions;
import io.stackpilot.render.Labels;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out what the data-safety core decides before an upgrade: takes the pre-upgrade snapshots
 * (stopping a single-writer service first) and prunes old ones; {@link DataRestoreStep} does the
 * rollback's side. The snapshot API is read only here and only while an upgrade or a rollback is
 * under way, so a service at rest costs nothing more.
 */
final class DataSafetyStep {

  static final String STOPPED_BY = "stackpilot-data-safety";
  static final String BLOCKED_REASON = SnapshotGate.BLOCKED_REASON;

  private final OperatorContext operator;

  DataSafetyStep(OperatorContext operator) {
    this.operator = operator;
  }

  /**
   * Whether the last status already said the upgrade is blocked by a snapshot, so it is told once.
   */
  static boolean blockedBefore(ServiceStatus previous) {
    return Conditions.find(
            Optional.ofNullable(previous.getConditions()).orElse(List.of()),
            ConditionType.STALLED.type())
        .filter(c -> "True".equals(c.getStatus()) && BLOCKED_REASON.equals(c.getReason()))
        .isPresent();
  }

  /** The claims of one service from the informer cache, as data safety sees them. */
  static List<ClaimObservation> claimsOf(
      HasMetadata service, Collection<PersistentVolumeClaim> cached) {
    return VolumeSnapshots.claims(
        cached.stream()
            .filter(
                c ->
                    Labels.serviceOf(c).filter(service.getMetadata().getName()::equals).isPresent())
            .toList());
  }

  /**
   * Before an upgrade of a service with snapshotted volumes: one step towards the snapshots being
   * ready. Returns the gate; the upgrade may go ahead only when it is open.
   */
  SnapshotGate beforeUpgrade(
      HasMetadata service,
      EffectiveService effective,
      String revision,
      List<ProtectedVolume> volumes,
      boolean stopFirst,
      int runningPods,
      DeploymentObservation live,
      boolean alreadyBlocked,
      Instant now) {
    String namespace = service.getMetadata().getNamespace();
    List<SnapshotObservation> existing =
        VolumeSnapshots.of(operator.client(), namespace, effective.name());
    SnapshotGate gate =
        PreUpgradeSnapshots.decide(
            effective.name(),
            revision,
            volumes,
            stopFirst,
            runningPods,
            existing,
            effective.recovery().progressDeadline(),
            now);
    switch (gate.step()) {
      case STOP_RUNNING_PODS -> scale(service, 0, live);
      case WAIT -> {
        for (String stale : gate.toReplace()) {
          operator
              .client()
              .genericKubernetesResources(VolumeSnapshots.SNAPSHOT)
              .inNamespace(namespace)
              .withName(stale)
              .delete();
          operator.writes().record("VolumeSnapshot/delete");
          operator
              .events()
              .record(service, EventRecorder.Type.Normal, "SnapshotReplaced", gate.message());
        }
        for (SnapshotGate.PlannedSnapshot planned : gate.toCreate()) {
          operator
              .client()
              .resource(VolumeSnapshots.render(planned, namespace, Labels.standard(effective), now))
              .fieldManager(FieldManager.NAME)
              .forceConflicts()
              .serverSideApply();
          operator.writes().record("VolumeSnapshot");
          operator
              .events()
              .record(
                  service,
                  EventRecorder.Type.Normal,
                  "SnapshotRequested",
                  "Taking VolumeSnapshot "
                      + planned.name()
                      + " of claim "
                      + planned.claim()
                      + " (class "
                      + planned.snapshotClass()
                      + ") before upgrading to revision "
                      + revision
                      + " ("
                      + effective.image()
                      + ")");
        }
      }
      case BLOCKED -> {
        // The upgrade waits for a human; what was stopped for the snapshot runs again meanwhile.
        if (live.desiredReplicas() == 0) {
          scale(service, Math.max(1, effective.replicas()), live);
        }
        if (!alreadyBlocked) {
          operator
              .events()
              .record(service, EventRecorder.Type.Warning, BLOCKED_REASON, gate.message());
        }
      }
      case OPEN -> prune(service, volumes, existing);
    }
    return gate;
  }

  private void prune(
      HasMetadata service, List<ProtectedVolume> volumes, List<SnapshotObservation> existing) {
    Map<String, Integer> keep = new LinkedHashMap<>();
    volumes.forEach(v -> keep.put(v.claim(), v.snapshotsToKeep()));
    List<SnapshotObservation> old = SnapshotRetention.toDelete(existing, keep);
    for (SnapshotObservation snapshot : old) {
      operator
          .client()
          .genericKubernetesResources(VolumeSnapshots.SNAPSHOT)
          .inNamespace(service.getMetadata().getNamespace())
          .withName(snapshot.name())
          .delete();
      operator.writes().record("VolumeSnapshot/delete");
    }
    if (!old.isEmpty()) {
      operator
          .events()
          .record(
              service,
              EventRecorder.Type.Normal,
              "SnapshotsPruned",
              "Deleted "
                  + old.size()
                  + " old pre-upgrade snapshot(s) beyond snapshotsToKeep: "
                  + String.join(", ", old.stream().map(SnapshotObservation::name).toList()));
    }
  }

  /**
   * Sets the running Deployment's replicas without touching its template: what runs stays what ran.
   */
  private void scale(HasMetadata service, int replicas, DeploymentObservation live) {
    if (live.desiredReplicas() == replicas) {
      return;
    }
    operator
        .client()
        .apps()
        .deployments()
        .inNamespace(service.getMetadata().getNamespace())
        .withName(service.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
    operator.writes().record("Deployment/scale");
  }
}
