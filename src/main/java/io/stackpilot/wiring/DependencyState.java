package io.stackpilot.wiring;

import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.lifecycle.ConditionType;
import io.stackpilot.lifecycle.Conditions;
import io.stackpilot.validation.ServiceRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What the dependency gate needs to know about one service that others depend on.
 *
 * @param service the service, as dependsOn names it
 * @param exists whether the service exists in the namespace
 * @param ready whether its status has the condition Ready=True
 * @param phase its status.phase, shown to the user while they wait for it
 */
public record DependencyState(
    ServiceRef service, boolean exists, boolean ready, Optional<String> phase) {

  public DependencyState {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(phase, "phase");
    if (!exists && (ready || phase.isPresent())) {
      throw new IllegalArgumentException(
          service + " does not exist, so it has neither readiness nor a phase");
    }
  }

  /** The state of a service read from the cluster. */
  public static DependencyState observed(StackService service) {
    Optional<ServiceStatus> status = Optional.ofNullable(service.getStatus());
    return new DependencyState(
        ServiceRef.of(service),
        true,
        status.map(s -> Conditions.isTrue(s.getConditions(), ConditionType.READY)).orElse(false),
        status.map(ServiceStatus::getPhase).filter(phase -> !phase.isBlank()));
  }

  /** A service that dependsOn names but that is not in the namespace (yet). */
  public static DependencyState missing(ServiceRef service) {
    return new DependencyState(service, false, false, Optional.empty());
  }

  /**
   * Why a dependent must wait for this service, in a word or two: "missing", its phase, or "not
   * Ready" before it has one; empty once it is Ready.
   */
  public Optional<String> holdReason() {
    if (ready) {
      return Optional.empty();
    }
    if (!exists) {
      return Optional.of("missing");
    }
    return Optional.of(phase.orElse("not Ready"));
  }
}
