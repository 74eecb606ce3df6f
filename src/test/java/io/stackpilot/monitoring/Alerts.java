package io.stackpilot.monitoring;

import io.stackpilot.api.AlertEvent;
import java.time.Instant;
import java.util.Optional;

/** Alerts for tests. */
final class Alerts {

  static final Instant AT = Instant.parse("2026-03-01T02:03:04Z");

  private Alerts() {}

  static Alert rolledBack() {
    return new Alert(
        AlertEvent.ROLLED_BACK,
        "home",
        "MediaService",
        "sonarr",
        "revision 9c1e2aa crashed (CrashLoopBackOff); back on 3f2a9c1",
        Optional.of("3f2a9c1"),
        Optional.of("lscr.io/linuxserver/sonarr:4.0.9"),
        AT);
  }

  static Alert of(AlertEvent event) {
    return new Alert(
        event,
        "home",
        "MediaService",
        "sonarr",
        "something happened",
        Optional.empty(),
        Optional.empty(),
        AT);
  }

  static Alert withMessage(String message) {
    return new Alert(
        AlertEvent.DEGRADED,
        "home",
        "SecurityService",
        "authelia",
        message,
        Optional.empty(),
        Optional.empty(),
        AT);
  }
}
