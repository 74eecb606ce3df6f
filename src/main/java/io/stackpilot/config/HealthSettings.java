package io.stackpilot.config;

import java.util.Optional;

/**
 * Effective health check of a service. {@code httpPath} and {@code portName} describe the check; a
 * service without a check has neither and is judged by its pods' readiness alone.
 */
public record HealthSettings(
    Optional<String> httpPath,
    Optional<String> portName,
    int initialDelaySeconds,
    int periodSeconds,
    int failureThreshold) {

  public boolean hasCheck() {
    return portName.isPresent();
  }
}
