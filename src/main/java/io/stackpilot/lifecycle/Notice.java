package io.stackpilot.lifecycle;

import io.stackpilot.api.AlertEvent;
import java.time.Duration;
import java.util.Optional;

/**
 * Something a decision wants people and dashboards to know: an Event (reason, message, warning or
 * not), possibly an alert, and for a recovery the time it took.
 */
public record Notice(
    String reason,
    String message,
    boolean warning,
    Optional<AlertEvent> alert,
    Optional<Duration> recoveryTime) {

  static Notice warning(String reason, String message, AlertEvent alert) {
    return new Notice(reason, message, true, Optional.of(alert), Optional.empty());
  }

  static Notice normal(String reason, String message) {
    return new Notice(reason, message, false, Optional.empty(), Optional.empty());
  }

  static Notice recovered(String message, Duration took) {
    return new Notice(
        "Recovered", message, false, Optional.of(AlertEvent.RECOVERED), Optional.of(took));
  }
}
