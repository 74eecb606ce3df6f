package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.RoleFile;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layer;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.HttpRouteRenderer;
import io.stackpilot.validation.ServiceRef;
import io.stackpilot.wiring.DatasourceConfig;
import io.stackpilot.wiring.DependencyGate;
import io.stackpilot.wiring.DependencyGateResult;
import io.stackpilot.wiring.DependencyState;
import io.stackpilot.wiring.ForwardAuthIngress;
import io.stackpilot.wiring.ForwardAuthRoute;
import io.stackpilot.wiring.IngressFlavor;
import io.stackpilot.wiring.LabelSelectorMatcher;
import io.stackpilot.wiring.NetworkInputs;
import io.stackpilot.wiring.NetworkPolicies;
import io.stackpilot.wiring.Protection;
import io.stackpilot.wiring.ScrapeConfig;
import io.stackpilot.wiring.StandaloneServiceMonitor;
import io.stackpilot.wiring.UptimeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a service fits into its stack, from the services around it: the overlays (who protects it,
 * who scrapes it), the scrape configuration of a Prometheus, forward auth on a protected Ingress
 * (withheld until the protector is Ready, so it is never exposed unprotected), the NetworkPolicy of
 * an isolated stack, and the dependencies a new revision waits for.
 */
final class StackWiring {

  private final StackService service;
  private final Optional<ServiceStack> stack;
  private final Neighbourhood neighbourhood;
  private final List<SecurityService> protectors;
  private final boolean serviceMonitorsServed;

  /**
   * @param serviceMonitorsServed the cluster serves the Prometheus Operator's API, so a service in
   *     no stack gets its own ServiceMonitor
   */
  StackWiring(
      StackService service,
      Optional<ServiceStack> stack,
      Neighbourhood neighbourhood,
      boolean serviceMonitorsServed) {
    this.service = service;
    this.stack = stack;
    this.neighbourhood = neighbourhood;
    this.serviceMonitorsServed = serviceMonitorsServed;
    this.protectors = Protection.protectorsOf(service, neighbourhood.securityServices());
  }

  Overlays overlays() {
    boolean scraped =
        neighbourhood.monitoringServices().stream()
            .filter(
                m ->
                    m.getSpec().getMonitoring() != null
                        && m.getSpec().getMonitoring().getRole() == MonitoringRole.METRICS)
            .filter(m -> m.getSpec().getMonitoring().getScrape() != null)
            .anyMatch(
                m ->
                    LabelSelectorMatcher.matches(
                        m.getSpec().getMonitoring().getScrape().getSelector(),
                        Optional.ofNullable(service.getMetadata().getLabels()).orElse(Map.of())));
    return new Overlays(
        protectors.stream().findFirst().map(p -> p.getMetadata().getName()), scraped);
  }

  /**
   * A monitoring service gets, as a file where its app reads it, what its role makes of the stack:
   * a Metrics service the Prometheus configuration of what it selects, a Dashboards service the
   * Grafana datasources of the stack's Metrics services, an Uptime service the list of the stack's
   * exposed services.
   */
  EffectiveService withRoleConfig(EffectiveService effective) {
    if (!(service instanceof MonitoringService monitoring)
        || monitoring.getSpec().getMonitoring() == null) {
      return effective;
    }
    MonitoringSpec spec = monitoring.getSpec().getMonitoring();
    Optional<RoleFile> roleFile = spec.roleFile();
    if (roleFile.isEmpty()) {
      return effective;
    }
    String namespace = service.getMetadata().getNamespace();
    ConfigFile file = new ConfigFile();
    file.setPath(roleFile.get().path());
    file.setContent(
        switch (spec.getRole()) {
          case METRICS -> ScrapeConfig.render(monitoring, neighbourhood.services(), namespace);
          case DASHBOARDS ->
              DatasourceConfig.render(monitoring, neighbourhood.monitoringServices(), namespace);
          case UPTIME -> UptimeConfig.render(monitoring, neighbourhood.services());
        });
    return effective.withOverlayFile(file, Layer.MONITORING_OVERLAY);
  }

  /**
   * The objects to apply: the rendered ones, with a protected Ingress or HTTPRoute given forward
   * auth, or held back while its protector is not Ready, the NetworkPolicy of an isolated stack,
   * and the ServiceMonitor of a service in no stack.
   */
  List<HasMetadata> objects(
      List<HasMetadata> rendered, EffectiveService effective, OwnerReference owner) {
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata object : rendered) {
      if (object instanceof Ingress ingress && !protectors.isEmpty()) {
        SecurityService protector = protectors.get(0);
        if (ready(protector)) {
          objects.addAll(
              ForwardAuthIngress.decorate(
                      ingress,
                      protector,
                      service.getMetadata().getNamespace(),
                      IngressFlavor.of(ingress))
                  .objects());
        }
      } else if (object instanceof GenericKubernetesResource route
          && HttpRouteRenderer.isRoute(route)
          && !protectors.isEmpty()) {
        SecurityService protector = protectors.get(0);
        if (ready(protector)) {
          objects.addAll(
              ForwardAuthRoute.decorate(route, protector, service.getMetadata().getNamespace()));
        }
      } else {
        objects.add(object);
      }
    }
    NetworkInputs inputs = NetworkInputs.derive(service, stack, neighbourhood.services());
    NetworkPolicies.render(effective, inputs, owner).ifPresent(objects::add);
    if (serviceMonitorsServed) {
      StandaloneServiceMonitor.render(service, effective, owner).ifPresent(objects::add);
    }
    return objects;
  }

  /** The Ingress or HTTPRoute is held back because its protector is not Ready yet. */
  boolean exposureWithheld(List<HasMetadata> rendered) {
    return !protectors.isEmpty()
        && !ready(protectors.get(0))
        && rendered.stream().anyMatch(o -> o instanceof Ingress || HttpRouteRenderer.isRoute(o));
  }

  DependencyGateResult dependencies() {
    List<Dependency> dependsOn =
        Optional.ofNullable(service.serviceSpec().getDependsOn()).orElse(List.of());
    Map<ServiceRef, DependencyState> states = new LinkedHashMap<>();
    for (StackService other : neighbourhood.services()) {
      states.put(ServiceRef.of(other), DependencyState.observed(other));
    }
    return DependencyGate.evaluate(dependsOn, states);
  }

  /** The service reports Ready; one that is not there (null) is not. */
  static boolean ready(StackService service) {
    return service != null
        && service.getStatus() != null
        && service.getStatus().getConditions() != null
        && service.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
