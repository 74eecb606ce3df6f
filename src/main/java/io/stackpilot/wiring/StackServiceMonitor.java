package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.api.ServiceMonitorSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.render.Labels;
import java.util.Map;
import java.util.Optional;

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
    return ServiceMonitorObject.wanted(spec(stack));
  }

  /** The ServiceMonitor named after the stack, in its namespace, owned by it. */
  public static GenericKubernetesResource render(ServiceStack stack, OwnerReference owner) {
    String name = stack.getMetadata().getName();
    return ServiceMonitorObject.build(
        name,
        stack.getMetadata().getNamespace(),
        Map.of(Labels.PART_OF, name, Labels.MANAGED_BY, Labels.MANAGER),
        Map.of(Labels.PART_OF, name, Labels.MANAGED_BY, Labels.MANAGER, Labels.METRICS, "true"),
        spec(stack),
        owner);
  }

  private static Optional<ServiceMonitorSpec> spec(ServiceStack stack) {
    return Optional.ofNullable(stack.getSpec()).map(ServiceStackSpec::getServiceMonitor);
  }
}
