package io.stackpilot.lifecycle;

import io.stackpilot.api.ServiceStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * The Event a change of phase deserves, if any: Invalid is a Warning; Healthy, and the start of a
 * rollout, are Normal. A rollout is announced once per revision: a crash loop that looks
 * Progressing for a moment between the kubelet's back-offs is not a new rollout.
 */
public record PhaseEvent(boolean warning, String reason, String message) {

  public static Optional<PhaseEvent> of(ServiceStatus found, ServiceStatus next) {
    if (Objects.equals(found.getPhase(), next.getPhase())) {
      return Optional.empty();
    }
    return switch (Phase.parse(next.getPhase())) {
      case INVALID ->
          Optional.of(
              new PhaseEvent(true, "InvalidSpec", ValidationSummary.of(next.getValidation())));
      case HEALTHY ->
          Optional.of(
              new PhaseEvent(
                  false,
                  "Healthy",
                  "Revision "
                      + next.getRevision()
                      + " ("
                      + next.getImage()
                      + ") is live and ready"));
      case PROGRESSING ->
          announced(found, next)
              ? Optional.empty()
              : Optional.of(
                  new PhaseEvent(
                      false, "RollingOut", "Rolling out revision " + next.getDesiredRevision()));
      default -> Optional.empty();
    };
  }

  /** The same revision was failing a moment ago: its rollout was announced already. */
  private static boolean announced(ServiceStatus found, ServiceStatus next) {
    return found.getPhase() != null
        && Phase.parse(found.getPhase()) == Phase.DEGRADED
        && Objects.equals(found.getDesiredRevision(), next.getDesiredRevision());
  }
}
