package io.stackpilot.monitoring;

/**
 * A service's health as one number for dashboards and alert rules: 1 healthy, 0.5 on its way, 0
 * failing. A number rather than a label per phase keeps one series per service and lets {@code
 * avg()} over a stack read as "how healthy is the stack".
 */
public enum HealthLevel {
  HEALTHY(1.0),
  PROGRESSING(0.5),
  /** Unhealthy or degraded: not serving as desired and not about to. */
  UNHEALTHY(0.0);

  private final double value;

  HealthLevel(double value) {
    this.value = value;
  }

  /** The gauge value. */
  public double value() {
    return value;
  }
}
