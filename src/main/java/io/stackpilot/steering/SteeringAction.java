package io.stackpilot.steering;

/** What a user asks of a running service by hand, each carried by one annotation. */
public enum SteeringAction {
  /** Try a quarantined revision once more. */
  RETRY("stackpilot.io/retry"),
  /** Make the beta revision live now, skipping its remaining stages. */
  PROMOTE("stackpilot.io/promote"),
  /** Hold the beta rollout at its current stage. */
  PAUSE("stackpilot.io/pause"),
  /** Let a held beta rollout go on. */
  RESUME("stackpilot.io/pause"),
  /** Return to stable without blaming beta. */
  ABORT("stackpilot.io/abort");

  private final String annotation;

  SteeringAction(String annotation) {
    this.annotation = annotation;
  }

  public String annotation() {
    return annotation;
  }
}
