package io.stackpilot.config;

/**
 * The layers of a service's effective configuration, lowest first. Each layer overrides the ones
 * before it; the effective configuration remembers which layer set each value.
 */
public enum Layer {
  BUILT_IN("built-in default"),
  STACK_BASE("stack base"),
  STACK_CATEGORY("stack category defaults"),
  SERVICE("service spec"),
  CHANNEL("channel override"),
  SECURITY_OVERLAY("security overlay"),
  MONITORING_OVERLAY("monitoring overlay");

  private final String label;

  Layer(String label) {
    this.label = label;
  }

  /** How `stackpilot render` names the layer. */
  public String label() {
    return label;
  }
}
