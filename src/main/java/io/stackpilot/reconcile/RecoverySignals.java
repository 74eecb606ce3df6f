package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.lifecycle.Notice;
import io.stackpilot.lifecycle.Phase;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.monitoring.Alert;
import io.stackpilot.monitoring.AlertNotifier;
import io.stackpilot.monitoring.HealthLevel;
import io.stackpilot.monitoring.RecoveryMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Tells people and dashboards what recovery decided: an Event for every notice, an alert to the
 * stack's webhooks where the notice asks for one, and the recovery meters.
 */
final class RecoverySignals {

  private final EventRecorder events;
  private final AlertNotifier alerts;
  private final RecoveryMetrics metrics;
  private final Clock clock;

  RecoverySignals(
      EventRecorder events, AlertNotifier alerts, RecoveryMetrics metrics, Clock clock) {
    this.events = events;
    this.alerts = alerts;
    this.metrics = metrics;
    this.clock = clock;
  }

  void announce(
      HasMetadata service,
      Optional<ServiceStack> stack,
      RecoveryDecision decision,
      Optional<String> image) {
    announce(service, stack, decision.notices(), decision.target(), image);
  }

  void announce(
      HasMetadata service,
      Optional<ServiceStack> stack,
      List<Notice> notices,
      String revision,
      Optional<String> image) {
    String namespace = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    for (Notice notice : notices) {
      events.record(
          service,
          notice.warning() ? EventRecorder.Type.Warning : EventRecorder.Type.Normal,
          notice.reason(),
          notice.message());
      notice
          .alert()
          .ifPresent(
              event ->
                  alerts.notify(
                      stack,
                      new Alert(
                          event,
                          namespace,
                          service.getKind(),
                          name,
                          notice.message(),
                          Optional.of(revision),
                          image,
                          clock.instant())));
      switch (notice.reason()) {
        case "RolledBack" -> metrics.rollback(namespace, service.getKind(), name);
        case "Restarted" -> metrics.restart(namespace, service.getKind(), name);
        default -> {}
      }
      notice
          .recoveryTime()
          .ifPresent(took -> metrics.recovered(namespace, service.getKind(), name, took));
    }
  }

  /** The health gauge follows the phase the status reports. */
  void health(HasMetadata service, String phase) {
    HealthLevel level =
        switch (Phase.parse(phase)) {
          case HEALTHY -> HealthLevel.HEALTHY;
          case PENDING, PROGRESSING -> HealthLevel.PROGRESSING;
          default -> HealthLevel.UNHEALTHY;
        };
    metrics.health(
        service.getMetadata().getNamespace(),
        service.getKind(),
        service.getMetadata().getName(),
        level);
  }

  void forget(HasMetadata service) {
    metrics.forget(
        service.getMetadata().getNamespace(), service.getKind(), service.getMetadata().getName());
  }

  void close() {
    alerts.close();
  }
}
