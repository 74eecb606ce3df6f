package io.stackpilot.wiring;

import io.stackpilot.api.Dependency;
import io.stackpilot.api.IsolationSpec;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.NetworkPeerSpec;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.validation.ServiceRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a service's network policy depends on besides the service itself: the stack's isolation mode
 * and who, by name, must still reach its pods. Lists are sorted and free of repeats, so the same
 * neighbours always render the same policy.
 *
 * @param mode the stack's spec.networkPolicy; only Isolate renders a policy
 * @param protectors security services that protect the service (their proxies reach all its ports)
 * @param consumers services whose dependsOn names the service (they reach all its ports)
 * @param scrapers metrics services that scrape the service (they reach only its metrics port)
 * @param ingressController the ingress controller's pods, which reach an exposed service and the
 *     forward-auth port of a security service
 * @param outsideScrapers scrapers the stack does not run (they reach only the metrics port)
 * @param allowFrom more peers the stack admits, to every port
 * @param egress what the service may connect to, when the stack restricts that
 */
public record NetworkInputs(
    NetworkPolicyMode mode,
    List<String> protectors,
    List<String> consumers,
    List<String> scrapers,
    NetworkPeerSpec ingressController,
    List<NetworkPeerSpec> outsideScrapers,
    List<NetworkPeerSpec> allowFrom,
    EgressInputs egress) {

  /** Where the ingress-nginx project's manifests and chart install the controller. */
  public static final String DEFAULT_INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";

  public NetworkInputs {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ingressController, "ingressController");
    protectors = sortedNames(protectors);
    consumers = sortedNames(consumers);
    scrapers = sortedNames(scrapers);
    outsideScrapers = outsideScrapers == null ? List.of() : List.copyOf(outsideScrapers);
    allowFrom = allowFrom == null ? List.of() : List.copyOf(allowFrom);
    Objects.requireNonNull(egress, "egress");
  }

  /** Inputs of a stack that leaves egress open. */
  public NetworkInputs(
      NetworkPolicyMode mode,
      List<String> protectors,
      List<String> consumers,
      List<String> scrapers,
      NetworkPeerSpec ingressController,
      List<NetworkPeerSpec> outsideScrapers,
      List<NetworkPeerSpec> allowFrom) {
    this(
        mode,
        protectors,
        consumers,
        scrapers,
        ingressController,
        outsideScrapers,
        allowFrom,
        EgressInputs.open());
  }

  /** Inputs with an ingress controller of a whole namespace and no other peers from outside. */
  public NetworkInputs(
      NetworkPolicyMode mode,
      List<String> protectors,
      List<String> consumers,
      List<String> scrapers,
      String ingressControllerNamespace) {
    this(
        mode,
        protectors,
        consumers,
        scrapers,
        namespace(Objects.requireNonNull(ingressControllerNamespace, "ingressControllerNamespace")),
        List.of(),
        List.of());
  }

  /**
   * Derives the inputs of {@code service} from the other services of its namespace.
   *
   * @param stack the service's stack, if it has one; a service without a stack is never isolated
   * @param neighbours services of every kind in the namespace (those in other namespaces are
   *     ignored)
   */
  public static NetworkInputs derive(
      StackService service, Optional<ServiceStack> stack, List<? extends StackService> neighbours) {
    Optional<IsolationSpec> isolation =
        stack.map(ServiceStack::getSpec).map(ServiceStackSpec::getIsolation);
    NetworkPolicyMode mode =
        stack
            .map(ServiceStack::getSpec)
            .map(ServiceStackSpec::getNetworkPolicy)
            .orElseGet(
                () -> SchemaDefaults.of(NetworkPolicyMode.class, SchemaDefaults.NETWORK_POLICY));
    List<SecurityService> securityServices =
        neighbours.stream()
            .filter(SecurityService.class::isInstance)
            .map(SecurityService.class::cast)
            .toList();
    ServiceRef self = ServiceRef.of(service);
    NetworkPeerSpec ingressController =
        isolation
            .map(IsolationSpec::getIngressController)
            .orElseGet(() -> namespace(DEFAULT_INGRESS_CONTROLLER_NAMESPACE));
    List<String> dependencies =
        neighbours.stream()
            .filter(neighbour -> SameNamespace.as(neighbour, service))
            .filter(neighbour -> dependsOn(service).anyMatch(ServiceRef.of(neighbour)::equals))
            .map(NetworkInputs::nameOf)
            .toList();
    return new NetworkInputs(
        mode,
        Protection.protectorsOf(service, securityServices).stream()
            .map(NetworkInputs::nameOf)
            .toList(),
        neighbours.stream()
            .filter(neighbour -> SameNamespace.as(neighbour, service))
            .filter(neighbour -> dependsOn(neighbour).anyMatch(self::equals))
            .map(NetworkInputs::nameOf)
            .toList(),
        neighbours.stream()
            .filter(MonitoringService.class::isInstance)
            .map(MonitoringService.class::cast)
            .filter(scraper -> ScrapeSelection.selects(scraper, service))
            .map(NetworkInputs::nameOf)
            .toList(),
        ingressController,
        isolation.map(IsolationSpec::getScrapers).orElse(List.of()),
        isolation.map(IsolationSpec::getAllowFrom).orElse(List.of()),
        EgressInputs.derive(service, isolation, dependencies, neighbours, ingressController));
  }

  /** Every pod of one namespace. */
  static NetworkPeerSpec namespace(String name) {
    NetworkPeerSpec peer = new NetworkPeerSpec();
    peer.setNamespace(name);
    return peer;
  }

  private static Stream<ServiceRef> dependsOn(StackService service) {
    List<Dependency> dependsOn =
        Optional.ofNullable(service.serviceSpec()).map(ServiceSpec::getDependsOn).orElse(List.of());
    return dependsOn.stream().map(ServiceRef::of);
  }

  private static String nameOf(StackService service) {
    return service.getMetadata().getName();
  }

  private static List<String> sortedNames(List<String> names) {
    return Optional.ofNullable(names).orElse(List.of()).stream().distinct().sorted().toList();
  }
}
