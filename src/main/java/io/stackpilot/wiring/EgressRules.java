package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.stackpilot.api.EgressCidrSpec;
import io.stackpilot.api.EgressPortSpec;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The egress rules of a member of a stack that restricts egress, in a fixed order: DNS first (every
 * name lookup needs it, and without it every other rule would look broken), then the services the
 * stack derives, the ingress controller for an Uptime service, the stack's own peers, and its
 * CIDRs. No rule without a destination is rendered: one would allow every destination.
 */
final class EgressRules {

  private static final int DNS_PORT = 53;

  private EgressRules() {}

  static List<NetworkPolicyEgressRule> of(EgressInputs egress) {
    List<NetworkPolicyEgressRule> rules = new ArrayList<>();
    rules.add(
        new NetworkPolicyEgressRuleBuilder()
            .withTo(NetworkPolicies.peer(egress.dns()))
            .withPorts(port(DNS_PORT, "UDP"), port(DNS_PORT, "TCP"))
            .build());
    List<EgressInputs.Target> everyPort =
        egress.targets().stream().filter(t -> t.ports().isEmpty()).toList();
    if (!everyPort.isEmpty()) {
      rules.add(
          new NetworkPolicyEgressRuleBuilder()
              .withTo(everyPort.stream().map(EgressRules::podsOf).toList())
              .build());
    }
    egress.targets().stream()
        .filter(t -> !t.ports().isEmpty())
        .forEach(
            target ->
                rules.add(
                    new NetworkPolicyEgressRuleBuilder()
                        .withTo(podsOf(target))
                        .withPorts(
                            target.ports().stream().map(NetworkPolicies::policyPort).toList())
                        .build()));
    egress
        .ingressController()
        .ifPresent(
            controller ->
                rules.add(
                    new NetworkPolicyEgressRuleBuilder()
                        .withTo(NetworkPolicies.peer(controller))
                        .build()));
    if (!egress.toPeers().isEmpty()) {
      rules.add(
          new NetworkPolicyEgressRuleBuilder()
              .withTo(egress.toPeers().stream().map(NetworkPolicies::peer).toList())
              .build());
    }
    for (EgressCidrSpec cidr : egress.toCidrs()) {
      rules.add(
          new NetworkPolicyEgressRuleBuilder()
              .addNewTo()
              .withNewIpBlock()
              .withCidr(cidr.getCidr())
              .withExcept(Optional.ofNullable(cidr.getExcept()).orElse(List.of()))
              .endIpBlock()
              .endTo()
              .withPorts(
                  Optional.ofNullable(cidr.getPorts()).orElse(List.of()).stream()
                      .map(EgressRules::port)
                      .toList())
              .build());
    }
    return rules;
  }

  private static NetworkPolicyPeer podsOf(EgressInputs.Target target) {
    return new NetworkPolicyPeerBuilder()
        .withNewPodSelector()
        .withMatchLabels(Labels.podsOf(target.service()))
        .endPodSelector()
        .build();
  }

  private static NetworkPolicyPort port(EgressPortSpec spec) {
    return port(
        spec.getPort(),
        spec.getProtocol() == null ? SchemaDefaults.PROTOCOL : spec.getProtocol().value());
  }

  private static NetworkPolicyPort port(int number, String protocol) {
    return new NetworkPolicyPortBuilder()
        .withPort(new IntOrString(number))
        .withProtocol(protocol)
        .build();
  }
}
