package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.ServiceMonitorMode;
import io.stackpilot.api.ServiceMonitorSpec;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a stack's ServiceMonitor and a lone service's have in common: they scrape the port named
 * metrics of the Services their selector matches, in their own namespace, and label each target
 * with the service's name and kind, as the Metrics role's own configuration does.
 */
final class ServiceMonitorObject {

  private ServiceMonitorObject() {}

  /** Whether the spec asks for one: mode Auto, the default, also when there is no spec. */
  static boolean wanted(Optional<ServiceMonitorSpec> spec) {
    ServiceMonitorMode mode =
        spec.map(ServiceMonitorSpec::getMode)
            .orElseGet(
                () ->
                    SchemaDefaults.of(
                        ServiceMonitorMode.class, SchemaDefaults.SERVICE_MONITOR_MODE));
    return mode == ServiceMonitorMode.AUTO;
  }

  /**
   * @param labels the monitor's own labels besides those the user asks for (which a Prometheus
   *     selects monitors by)
   * @param selector the labels of the Services to scrape
   */
  static GenericKubernetesResource build(
      String name,
      String namespace,
      Map<String, String> labels,
      Map<String, String> selector,
      Optional<ServiceMonitorSpec> spec,
      OwnerReference owner) {
    Map<String, String> allLabels =
        new TreeMap<>(spec.map(ServiceMonitorSpec::getLabels).orElse(Map.of()));
    allLabels.putAll(labels);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", Overlays.METRICS_PORT_NAME);
    spec.map(ServiceMonitorSpec::getInterval).ifPresent(i -> endpoint.put("interval", i));
    Map<String, Object> monitorSpec = new LinkedHashMap<>();
    monitorSpec.put("selector", Map.of("matchLabels", new TreeMap<>(selector)));
    monitorSpec.put("namespaceSelector", Map.of("matchNames", List.of(namespace)));
    monitorSpec.put("endpoints", List.of(endpoint));
    monitorSpec.put("targetLabels", List.of(Labels.SERVICE, Labels.KIND));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(CompanionApi.SERVICE_MONITOR.apiVersion())
        .withKind(CompanionApi.SERVICE_MONITOR.kind())
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(allLabels)
        .withOwnerReferences(owner)
        .endMetadata()
        .addToAdditionalProperties("spec", monitorSpec)
        .build();
  }
}
