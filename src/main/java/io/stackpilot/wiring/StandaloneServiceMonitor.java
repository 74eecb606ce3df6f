package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.api.ServiceMonitorSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.Labels;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ServiceMonitor of a service in no stack that has a port named metrics, owned by it and named
 * {@code <service>.<kind>} (podinfo.mediaservice): a stack's is named after the stack, whose name a
 * service's {@code spec.stack} can only refer to without a dot, so the two never take the same name
 * and overwrite each other. Its selector also names the service's standing outside any stack
 * ({@link Labels#PART_OF} is the manager's name), so one left behind after the service joins a
 * stack or loses its metrics port selects nothing, even before it is pruned: a target is never
 * scraped twice.
 */
public final class StandaloneServiceMonitor {

  private StandaloneServiceMonitor() {}

  /**
   * The monitor the service asks for: none in a stack (the stack's selects it), without a metrics
   * port, or with mode Off.
   */
  public static Optional<GenericKubernetesResource> render(
      StackService service, EffectiveService effective, OwnerReference owner) {
    Optional<ServiceMonitorSpec> spec =
        Optional.ofNullable(service.serviceSpec().getServiceMonitor());
    boolean metrics =
        effective.ports().stream().anyMatch(p -> Overlays.METRICS_PORT_NAME.equals(p.getName()));
    if (effective.stack().isPresent() || !metrics || !ServiceMonitorObject.wanted(spec)) {
      return Optional.empty();
    }
    Map<String, String> selector = new TreeMap<>();
    selector.put(Labels.SERVICE, effective.name());
    selector.put(Labels.KIND, effective.kind().value());
    selector.put(Labels.PART_OF, Labels.MANAGER);
    selector.put(Labels.MANAGED_BY, Labels.MANAGER);
    selector.put(Labels.METRICS, "true");
    return Optional.of(
        ServiceMonitorObject.build(
            nameOf(effective),
            effective.namespace(),
            Labels.standard(effective),
            selector,
            spec,
            owner));
  }

  /** {@code <service>.<kind>}, the kind in lower case. */
  public static String nameOf(EffectiveService effective) {
    return effective.name() + "." + effective.kind().value().toLowerCase(Locale.ROOT);
  }
}
