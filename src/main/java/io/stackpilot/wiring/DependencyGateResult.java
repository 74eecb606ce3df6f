package io.stackpilot.wiring;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a new revision may roll out now, and otherwise what it waits for.
 *
 * @param waitingFor the dependencies that are not Ready, in the order dependsOn lists them
 */
public record DependencyGateResult(List<DependencyState> waitingFor) {

  /** Reason of the Reconciling condition while a new revision waits for its dependencies. */
  public static final String REASON = "WaitingForDependencies";

  public DependencyGateResult {
    waitingFor = List.copyOf(waitingFor);
  }

  public boolean mayRollOut() {
    return waitingFor.isEmpty();
  }

  /**
   * The message of the Reconciling condition, naming each dependency waited for and why, e.g.
   * "waiting for MediaService/prowlarr (Progressing), SecurityService/authelia (missing)"; empty
   * when the revision may roll out.
   */
  public Optional<String> reconcilingMessage() {
    if (mayRollOut()) {
      return Optional.empty();
    }
    return Optional.of(
        waitingFor.stream()
            .map(state -> state.service() + " (" + state.holdReason().orElseThrow() + ")")
            .collect(Collectors.joining(", ", "waiting for ", "")));
  }
}
