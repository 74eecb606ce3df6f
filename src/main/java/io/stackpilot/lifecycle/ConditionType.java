package io.stackpilot.lifecycle;

/** The kstatus conditions of a service, which Argo CD and Flux read for health. */
public enum ConditionType {
  /** The desired revision is live and healthy. */
  READY("Ready"),
  /** Some healthy revision is serving. */
  AVAILABLE("Available"),
  /** Work is in progress. */
  RECONCILING("Reconciling"),
  /** The desired state cannot be reached without a human. */
  STALLED("Stalled"),
  /** The spec passed validation. */
  CONFIG_VALID("ConfigValid");

  private final String type;

  ConditionType(String type) {
    this.type = type;
  }

  public String type() {
    return type;
  }
}
