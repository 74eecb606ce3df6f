package io.stackpilot.config;

import io.stackpilot.api.HealthSpec;
import io.stackpilot.api.HttpCheck;
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
    Optional<Check> check = Optional.empty();
    for (LayerInput input : layers) {
      HealthSpec health = input.health();
      if (health == null) {
        continue;
      }
      initialDelaySeconds.set(input.layer(), health.getInitialDelaySeconds());
      periodSeconds.set(input.layer(), health.getPeriodSeconds());
      failureThreshold.set(input.layer(), health.getFailureThreshold());
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
    return new HealthSettings(
        check.flatMap(Check::httpPath),
        check.map(Check::portName),
        initialDelaySeconds.value(),
        periodSeconds.value(),
        failureThreshold.value());
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
