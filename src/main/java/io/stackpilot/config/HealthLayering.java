package io.stackpilot.config;

import io.stackpilot.api.HealthSpec;
import io.stackpilot.api.HttpCheck;
import io.stackpilot.api.LivenessCheck;
import io.stackpilot.api.StartupCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Effective health settings, field by field. The check (http or tcp) counts as one field: a
 * service's tcp check over a stack's http check must not inherit the http path.
 */
final class HealthLayering {

  private record Check(Optional<String> httpPath, String portName, Layer setBy) {}

  private HealthLayering() {}

  static HealthSettings layer(List<LayerInput> layers, Map<String, Layer> provenance) {
    var initialDelaySeconds =
        new LayeredValue<>(
            "health.initialDelaySeconds", BuiltInDefaults.INITIAL_DELAY_SECONDS, provenance);
    var periodSeconds =
        new LayeredValue<>("health.periodSeconds", BuiltInDefaults.PERIOD_SECONDS, provenance);
    var failureThreshold =
        new LayeredValue<>(
            "health.failureThreshold", BuiltInDefaults.FAILURE_THRESHOLD, provenance);
    var startupTimeout =
        new LayeredValue<>("health.startup.timeout", BuiltInDefaults.STARTUP_TIMEOUT, provenance);
    var startupPeriodSeconds =
        new LayeredValue<>(
            "health.startup.periodSeconds", BuiltInDefaults.STARTUP_PERIOD_SECONDS, provenance);
    var livenessEnabled = new LayeredValue<>("health.liveness.enabled", true, provenance);
    // Unset at every layer: twice the effective readiness threshold, whichever layer set that.
    var livenessFailureThreshold =
        new LayeredValue<Integer>("health.liveness.failureThreshold", null, provenance);
    Optional<Check> check = Optional.empty();
    for (LayerInput input : layers) {
      HealthSpec health = input.health();
      if (health == null) {
        continue;
      }
      initialDelaySeconds.set(input.layer(), health.getInitialDelaySeconds());
      periodSeconds.set(input.layer(), health.getPeriodSeconds());
      failureThreshold.set(input.layer(), health.getFailureThreshold());
      StartupCheck startup = health.getStartup();
      if (startup != null) {
        startupTimeout.set(
            input.layer(),
            startup.getTimeout() == null
                ? null
                : Durations.parse(
                    input.location() + ".health.startup.timeout", startup.getTimeout()));
        startupPeriodSeconds.set(input.layer(), startup.getPeriodSeconds());
      }
      LivenessCheck liveness = health.getLiveness();
      if (liveness != null) {
        livenessEnabled.set(input.layer(), liveness.getEnabled());
        livenessFailureThreshold.set(input.layer(), liveness.getFailureThreshold());
      }
      Optional<Check> layerCheck = checkOf(health, input.layer());
      if (layerCheck.isPresent()) {
        check = layerCheck;
      }
    }
    check.ifPresent(
        effective -> {
          provenance.put("health.portName", effective.setBy());
          effective
              .httpPath()
              .ifPresent(path -> provenance.put("health.httpPath", effective.setBy()));
        });
    Integer livenessThreshold = livenessFailureThreshold.value();
    if (livenessThreshold == null) {
      // Derived from the readiness threshold: whoever set that set this.
      provenance.put("health.liveness.failureThreshold", provenance.get("health.failureThreshold"));
    }
    return new HealthSettings(
        check.flatMap(Check::httpPath),
        check.map(Check::portName),
        initialDelaySeconds.value(),
        periodSeconds.value(),
        failureThreshold.value(),
        startupTimeout.value(),
        startupPeriodSeconds.value(),
        livenessEnabled.value(),
        livenessThreshold == null ? failureThreshold.value() * 2 : livenessThreshold);
  }

  private static Optional<Check> checkOf(HealthSpec health, Layer layer) {
    if (health.getHttp() != null) {
      HttpCheck http = health.getHttp();
      return Optional.of(new Check(Optional.ofNullable(http.getPath()), http.getPort(), layer));
    }
    if (health.getTcp() != null) {
      return Optional.of(new Check(Optional.empty(), health.getTcp().getPort(), layer));
    }
    return Optional.empty();
  }
}
