package io.stackpilot.lifecycle;

/** The one-word summary of a service's state shown by kubectl get. */
public enum Phase {
  PENDING("Pending"),
  PROGRESSING("Progressing"),
  HEALTHY("Healthy"),
  DEGRADED("Degraded"),
  ROLLED_BACK("RolledBack"),
  INVALID("Invalid");

  private final String value;

  Phase(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Phase parse(String value) {
    for (Phase phase : values()) {
      if (phase.value.equals(value)) {
        return phase;
      }
    }
    return PENDING;
  }
}
