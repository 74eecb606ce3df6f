package io.stackpilot.reconcile;

import io.stackpilot.api.ServiceStatus;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.lifecycle.DesiredRevision;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One debug line per reconcile of a service: what was observed, what was decided and why, and when
 * it is looked at again. The operator framework puts the kind, namespace and name in the MDC; the
 * revision the spec asks for is added here.
 */
final class DecisionLog {

  private static final Logger log = LoggerFactory.getLogger(ServiceReconciler.class);

  private DecisionLog() {}

  static void decided(
      ObservedService<?> observed,
      PassOutcome outcome,
      ServiceStatus next,
      Optional<Duration> lookAgain) {
    if (!log.isDebugEnabled()) {
      return;
    }
    try (var revision =
        MDC.putCloseable(
            "resource.revision", outcome.desired().map(DesiredRevision::revision).orElse(""))) {
      log.debug(
          "observed generation {}, live revision {}, {} error(s); decided {}{}{}{}; phase {}; look again {}",
          observed.service().getMetadata().getGeneration(),
          observed.deployment().map(DeploymentObservation::revision).orElse("none"),
          outcome.report().errors().size(),
          outcome
              .recovery()
              .map(d -> "recovery: target " + d.target() + ", " + d.state().state())
              .orElse("no recovery step"),
          outcome.rollout().map(r -> ", beta rollout: " + r.status().getStage()).orElse(""),
          outcome.snapshotGate().map(g -> ", snapshots: " + g.step()).orElse(""),
          outcome.waitingFor().map(w -> ", waiting: " + w).orElse(""),
          next.getPhase(),
          lookAgain.map(Object::toString).orElse("on the next event"));
    }
  }
}
