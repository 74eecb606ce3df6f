package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.stackpilot.api.ForwardAuthSpec;
import io.stackpilot.api.NetworkPeerSpec;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.ExposedPort;
import io.stackpilot.render.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The NetworkPolicy of a service in a stack with networkPolicy Isolate: ingress to the service's
 * pods is denied except from what the stack itself explains.
 *
 * <ol>
 *   <li>the proxies of the security services that protect it, to every port;
 *   <li>the services that declare dependsOn on it (its consumers), to every port;
 *   <li>the metrics services that scrape it, to its port named metrics only (none without one);
 *   <li>the ingress controller (by default every pod of namespace ingress-nginx; the stack's
 *       isolation.ingressController), to the port its Ingress routes to when it is exposed and, for
 *       a security service, to its forward-auth port, which the controller asks on every protected
 *       request;
 *   <li>the stack's isolation.scrapers (a Prometheus it does not run), to the port named metrics;
 *   <li>the stack's isolation.allowFrom, to every port.
 * </ol>
 *
 * <p>Rules come in that order, peers sorted by name and ports by number, so the same inputs always
 * render the same policy. A rule with no peers is left out rather than rendered, because a rule
 * without {@code from} admits everyone. Egress is restricted only when the stack's isolation.egress
 * says Restrict ({@link EgressRules}).
 */
public final class NetworkPolicies {

  /** The label every namespace carries with its own name (Kubernetes 1.21 and later). */
  private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private NetworkPolicies() {}

  /** The policy named {@code <service>-isolate}; empty unless the stack isolates its members. */
  public static Optional<NetworkPolicy> render(
      EffectiveService service, NetworkInputs inputs, OwnerReference owner) {
    if (inputs.mode() != NetworkPolicyMode.ISOLATE) {
      return Optional.empty();
    }
    List<NetworkPolicyIngressRule> rules = new ArrayList<>();
    fromServices(inputs.protectors(), List.of()).ifPresent(rules::add);
    fromServices(inputs.consumers(), List.of()).ifPresent(rules::add);
    NamedPorts.find(service.ports(), Overlays.METRICS_PORT_NAME)
        .flatMap(metrics -> fromServices(inputs.scrapers(), List.of(policyPort(metrics))))
        .ifPresent(rules::add);
    fromIngressController(service, inputs.ingressController()).ifPresent(rules::add);
    NamedPorts.find(service.ports(), Overlays.METRICS_PORT_NAME)
        .flatMap(metrics -> fromPeers(inputs.outsideScrapers(), List.of(policyPort(metrics))))
        .ifPresent(rules::add);
    fromPeers(inputs.allowFrom(), List.of()).ifPresent(rules::add);
    EgressInputs egress = inputs.egress();
    List<String> policyTypes =
        egress.restricted() ? List.of("Ingress", "Egress") : List.of("Ingress");
    return Optional.of(
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(service.name() + "-isolate")
            .withNamespace(service.namespace())
            .withLabels(Labels.standard(service))
            .withOwnerReferences(owner)
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(Labels.serviceSelector(service))
            .endPodSelector()
            .withPolicyTypes(policyTypes)
            .withIngress(rules)
            .withEgress(egress.restricted() ? EgressRules.of(egress) : List.of())
            .endSpec()
            .build());
  }

  /** A rule admitting the pods of the named services, to {@code ports} (every port when empty). */
  private static Optional<NetworkPolicyIngressRule> fromServices(
      List<String> services, List<NetworkPolicyPort> ports) {
    if (services.isEmpty()) {
      return Optional.empty();
    }
    List<NetworkPolicyPeer> peers =
        services.stream()
            .map(
                name ->
                    new NetworkPolicyPeerBuilder()
                        .withNewPodSelector()
                        .withMatchLabels(Labels.podsOf(name))
                        .endPodSelector()
                        .build())
            .toList();
    return Optional.of(
        new NetworkPolicyIngressRuleBuilder().withFrom(peers).withPorts(ports).build());
  }

  /** A rule admitting the peers the stack names, to {@code ports} (every port when empty). */
  private static Optional<NetworkPolicyIngressRule> fromPeers(
      List<NetworkPeerSpec> peers, List<NetworkPolicyPort> ports) {
    if (peers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NetworkPolicyIngressRuleBuilder()
            .withFrom(peers.stream().map(NetworkPolicies::peer).toList())
            .withPorts(ports)
            .build());
  }

  /**
   * A namespace, its pods that a selector picks, or (without a namespace) the pods of the policy's
   * own namespace that it picks.
   */
  static NetworkPolicyPeer peer(NetworkPeerSpec spec) {
    NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder();
    if (spec.getNamespace() != null) {
      peer.withNewNamespaceSelector()
          .addToMatchLabels(NAMESPACE_NAME_LABEL, spec.getNamespace())
          .endNamespaceSelector();
    }
    if (spec.getPodSelector() != null) {
      peer.withPodSelector(spec.getPodSelector());
    }
    return peer.build();
  }

  private static Optional<NetworkPolicyIngressRule> fromIngressController(
      EffectiveService service, NetworkPeerSpec controller) {
    Optional<PortSpec> forwardAuthPort =
        service
            .security()
            .map(SecuritySpec::getForwardAuth)
            .map(ForwardAuthSpec::getPort)
            .flatMap(name -> NamedPorts.find(service.ports(), name));
    List<NetworkPolicyPort> ports =
        Stream.concat(ExposedPort.of(service).stream(), forwardAuthPort.stream())
            .distinct()
            .sorted(Comparator.comparing(PortSpec::getPort))
            .map(NetworkPolicies::policyPort)
            .toList();
    // No port to admit means no rule: a rule with an empty port list would admit every port.
    if (ports.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new NetworkPolicyIngressRuleBuilder().withFrom(peer(controller)).withPorts(ports).build());
  }

  static NetworkPolicyPort policyPort(PortSpec port) {
    return new NetworkPolicyPortBuilder()
        .withPort(new IntOrString(port.getPort()))
        .withProtocol(
            port.getProtocol() == null ? SchemaDefaults.PROTOCOL : port.getProtocol().value())
        .build();
  }
}
