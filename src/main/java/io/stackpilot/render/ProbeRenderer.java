package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.stackpilot.config.HealthSettings;
import java.util.Optional;

/**
 * Startup, readiness and liveness probes from the health settings, all asking the one check. The
 * kubelet runs readiness and liveness only once the startup probe has passed, so a long first start
 * (a migration) is neither taken for unready nor restarted.
 */
final class ProbeRenderer {

  /** Seconds a single check may take before it counts as failed. */
  private static final int CHECK_TIMEOUT_SECONDS = 5;

  private ProbeRenderer() {}

  /** Up to {@link HealthSettings#startupTimeout()} for the first answer, checked every period. */
  static Optional<Probe> startup(HealthSettings health) {
    return probe(health, health.startupPeriodSeconds(), health.startupFailureThreshold());
  }

  static Optional<Probe> readiness(HealthSettings health) {
    return probe(health, health.periodSeconds(), health.failureThreshold());
  }

  /**
   * Liveness tolerates more failures than readiness (twice as many unless set): a slow app is taken
   * out of the Service well before the kubelet restarts it. None when the service turned it off.
   */
  static Optional<Probe> liveness(HealthSettings health) {
    if (!health.livenessEnabled()) {
      return Optional.empty();
    }
    return probe(health, health.periodSeconds(), health.livenessFailureThreshold());
  }

  private static Optional<Probe> probe(
      HealthSettings health, int periodSeconds, int failureThreshold) {
    if (!health.hasCheck()) {
      return Optional.empty();
    }
    ProbeBuilder probe =
        new ProbeBuilder()
            .withInitialDelaySeconds(health.initialDelaySeconds())
            .withPeriodSeconds(periodSeconds)
            .withFailureThreshold(failureThreshold)
            .withTimeoutSeconds(CHECK_TIMEOUT_SECONDS);
    IntOrString port = new IntOrString(health.portName().orElseThrow());
    if (health.httpPath().isPresent()) {
      probe.withNewHttpGet().withPath(health.httpPath().get()).withPort(port).endHttpGet();
    } else {
      probe.withNewTcpSocket().withPort(port).endTcpSocket();
    }
    return Optional.of(probe.build());
  }
}
