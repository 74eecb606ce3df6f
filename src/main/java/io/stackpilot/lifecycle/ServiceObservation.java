package io.stackpilot.lifecycle;

import io.stackpilot.api.HistoryEntry;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationStatus;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.health.DeploymentObservation;
import java.util.List;
import java.util.Optional;

/**
 * Everything the status of a service is computed from: the spec's generation and validation, the
 * revision it asks for (none when it is invalid), what its Deployment shows, the recovery decision
 * (none when the spec is invalid: nothing is decided then), the revision history, what holds the
 * desired revision back (snapshots before an upgrade, dependencies not Ready), the protected
 * volumes, and the status before.
 *
 * @param snapshotGate the snapshots an upgrade waits for or is blocked by, when it is not open
 * @param waitingForDependencies what a new revision waits for before it may roll out
 * @param volumes the protected volumes and the claims that hold their data; empty keeps the
 *     previous
 */
public record ServiceObservation(
    long generation,
    ValidationStatus validation,
    Optional<DesiredRevision> desired,
    Optional<DeploymentObservation> deployment,
    Optional<RecoveryDecision> recovery,
    Optional<RolloutPlan> rollout,
    List<HistoryEntry> history,
    Optional<SnapshotGate> snapshotGate,
    Optional<String> waitingForDependencies,
    Optional<List<VolumeStatus>> volumes,
    ServiceStatus previous) {

  public boolean valid() {
    return validation.getErrors() == null || validation.getErrors().isEmpty();
  }
}
