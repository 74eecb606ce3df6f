package io.stackpilot.lifecycle;

import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationStatus;
import io.stackpilot.health.DeploymentObservation;
import java.util.Optional;

/**
 * Everything the status of a service is computed from: the spec's generation and validation, the
 * revision it asks for (none when it is invalid), what its Deployment shows, and the status before.
 */
public record ServiceObservation(
    long generation,
    ValidationStatus validation,
    Optional<DesiredRevision> desired,
    Optional<DeploymentObservation> deployment,
    ServiceStatus previous) {

  public boolean valid() {
    return validation.getErrors() == null || validation.getErrors().isEmpty();
  }
}
