package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.ServiceMonitorMode;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.StackServiceMonitorSpec;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ServiceMonitor of a stack: one object that selects every member's Service with a port named
 * metrics (they carry {@link Labels#METRICS}), so a member that gains or loses that port is scraped
 * or not without any object of its own to create or prune. Each target keeps the member's name and
 * kind as labels, as the Metrics role's own configuration does.
 */
public final class StackServiceMonitor {

  private StackServiceMonitor() {}

  /** Whether the stack wants one: mode Auto, the default. */
  public static boolean wanted(ServiceStack stack) {
    ServiceMonitorMode mode =
        Optional.ofNullable(stack.getSpec())
            .map(ServiceStackSpec::getServiceMonitor)
            .map(StackServiceMonitorSpec::getMode)
            .orElseGet(
                () ->
                    SchemaDefaults.of(
                        ServiceMonitorMode.class, SchemaDefaults.SERVICE_MONITOR_MODE));
    return mode == ServiceMonitorMode.AUTO;
  }

  /** The ServiceMonitor named after the stack, in its namespace, owned by it. */
  public static GenericKubernetesResource render(ServiceStack stack, OwnerReference owner) {
    Optional<StackServiceMonitorSpec> spec =
        Optional.ofNullable(stack.getSpec()).map(ServiceStackSpec::getServiceMonitor);
    String name = stack.getMetadata().getName();
    String namespace = stack.getMetadata().getNamespace();
    Map<String, String> labels =
        new TreeMap<>(spec.map(StackServiceMonitorSpec::getLabels).orElse(Map.of()));
    labels.put(Labels.PART_OF, name);
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("port", Overlays.METRICS_PORT_NAME);
    spec.map(StackServiceMonitorSpec::getInterval).ifPresent(i -> endpoint.put("interval", i));
    Map<String, Object> monitorSpec = new LinkedHashMap<>();
    monitorSpec.put(
        "selector",
        Map.of(
            "matchLabels",
            new TreeMap<>(
                Map.of(
                    Labels.PART_OF,
                    name,
                    Labels.MANAGED_BY,
                    Labels.MANAGER,
                    Labels.METRICS,
                    "true"))));
    monitorSpec.put("namespaceSelector", Map.of("matchNames", List.of(namespace)));
    monitorSpec.put("endpoints", List.of(endpoint));
    monitorSpec.put("targetLabels", List.of(Labels.SERVICE, Labels.KIND));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(CompanionApi.SERVICE_MONITOR.apiVersion())
        .withKind(CompanionApi.SERVICE_MONITOR.kind())
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withOwnerReferences(owner)
        .endMetadata()
        .addToAdditionalProperties("spec", monitorSpec)
        .build();
  }
}
