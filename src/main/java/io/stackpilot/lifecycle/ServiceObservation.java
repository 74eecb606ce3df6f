package io.stackpilot.lifecycle;

import io.stackpilot.api.HistoryEntry;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationStatus;
import io.stackpilot.health.DeploymentObservation;
import java.util.List;
import java.util.Optional;

/**
 * Everything the status of a service is computed from: the spec's generation and validation, the
 * revision it asks for (none when it is invalid), what its Deployment shows, the recovery decision
 * (none when the spec is invalid: nothing is decided then), the revision history, and the status before.
 */
public record ServiceObservation(
    long generation,
    ValidationStatus validation,
    Optional<DesiredRevision> desired,
    Optional<DeploymentObservation> deployment,
    Optional<RecoveryDecision> recovery,
    Optional<RolloutPlan> rollout,
    List<HistoryEntry> history,
    ServiceStatus previous) {

  public boolean valid() {
    return validation.getErrors() == null || validation.getErrors().isEmpty();
  }
}
