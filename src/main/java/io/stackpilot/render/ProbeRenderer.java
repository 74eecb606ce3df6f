package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.stackpilot.config.HealthSettings;
import java.util.Optional;

/** Readiness and liveness probes from the health settings. */
final class ProbeRenderer {

  private ProbeRenderer() {}

  static Optional<Probe> readiness(HealthSettings health) {
    return probe(health, health.failureThreshold());
  }

  /**
   * Liveness tolerates twice as many failures as readiness: a slow app is taken out of the Service
   * well before the kubelet restarts it.
   */
  static Optional<Probe> liveness(HealthSettings health) {
    return probe(health, health.failureThreshold() * 2);
  }

  private static Optional<Probe> probe(HealthSettings health, int failureThreshold) {
    if (!health.hasCheck()) {
      return Optional.empty();
    }
    ProbeBuilder probe =
        new ProbeBuilder()
            .withInitialDelaySeconds(health.initialDelaySeconds())
            .withPeriodSeconds(health.periodSeconds())
            .withFailureThreshold(failureThreshold)
            .withTimeoutSeconds(5);
    IntOrString port = new IntOrString(health.portName().orElseThrow());
    if (health.httpPath().isPresent()) {
      probe.withNewHttpGet().withPath(health.httpPath().get()).withPort(port).endHttpGet();
    } else {
      probe.withNewTcpSocket().withPort(port).endTcpSocket();
    }
    return Optional.of(probe.build());
  }
}
