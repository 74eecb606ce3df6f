package io.stackpilot.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Effective health check of a service. {@code httpPath} and {@code portName} describe the check; a
 * service without a check has neither and is judged by its pods' readiness alone. The readiness
 * probe runs every {@code periodSeconds}; before it, the startup probe gives the app {@code
 * startupTimeout} to answer once; liveness, when on, restarts it after {@code
 * livenessFailureThreshold} failures in a row.
 */
public record HealthSettings(
    Optional<String> httpPath,
    Optional<String> portName,
    int initialDelaySeconds,
    int periodSeconds,
    int failureThreshold,
    Duration startupTimeout,
    int startupPeriodSeconds,
    boolean livenessEnabled,
    int livenessFailureThreshold) {

  public boolean hasCheck() {
    return portName.isPresent();
  }

  /** The readiness-only settings of the check, with the built-in startup and liveness defaults. */
  public static HealthSettings of(
      Optional<String> httpPath,
      Optional<String> portName,
      int initialDelaySeconds,
      int periodSeconds,
      int failureThreshold) {
    return new HealthSettings(
        httpPath,
        portName,
        initialDelaySeconds,
        periodSeconds,
        failureThreshold,
        BuiltInDefaults.STARTUP_TIMEOUT,
        BuiltInDefaults.STARTUP_PERIOD_SECONDS,
        true,
        failureThreshold * 2);
  }

  /**
   * How long the app may take to first pass its check, rounded up to whole periods of the startup
   * probe: what a rollout waits for on top of its progress deadline. Zero without a check.
   */
  public Duration startupBudget() {
    if (!hasCheck()) {
      return Duration.ZERO;
    }
    return Duration.ofSeconds((long) startupFailureThreshold() * startupPeriodSeconds);
  }

  /** The startup probe's failure threshold: the timeout in whole periods, at least one. */
  public int startupFailureThreshold() {
    long periods = (startupTimeout.toSeconds() + startupPeriodSeconds - 1) / startupPeriodSeconds;
    return (int) Math.max(1, periods);
  }
}
