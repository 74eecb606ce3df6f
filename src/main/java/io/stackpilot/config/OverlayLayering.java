package io.stackpilot.config;

import io.stackpilot.api.PortSpec;
import java.util.List;
import java.util.Map;

/**
 * The two topmost layers: what the security and the monitoring service in front of a service add to
 * its pods.
 */
final class OverlayLayering {

  private OverlayLayering() {}

  static void apply(
      Overlays overlays,
      List<PortSpec> ports,
      LayeredMap<String> podLabels,
      LayeredMap<String> podAnnotations) {
    overlays
        .protectedBy()
        .ifPresent(
            securityService ->
                podLabels.put(
                    Layer.SECURITY_OVERLAY, Map.of(Overlays.PROTECTED_BY_LABEL, securityService)));
    if (!overlays.scraped()) {
      return;
    }
    // Without a metrics port there is nothing to scrape, so the pods are not advertised as
    // scrapable.
    ports.stream()
        .filter(port -> Overlays.METRICS_PORT_NAME.equals(port.getName()))
        .findFirst()
        .ifPresent(
            metrics -> {
              podLabels.put(Layer.MONITORING_OVERLAY, Map.of(Overlays.SCRAPE_LABEL, "true"));
              // The prometheus.io annotations are the convention Prometheus's pod discovery
              // understands.
              podAnnotations.put(
                  Layer.MONITORING_OVERLAY,
                  Map.of(
                      "prometheus.io/scrape",
                      "true",
                      "prometheus.io/port",
                      String.valueOf(metrics.getPort())));
            });
  }
}
