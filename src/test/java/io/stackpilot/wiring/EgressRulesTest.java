package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.dependency;
import static io.stackpilot.wiring.Services.effective;
import static io.stackpilot.wiring.Services.labelled;
import static io.stackpilot.wiring.Services.matchLabels;
import static io.stackpilot.wiring.Services.owner;
import static io.stackpilot.wiring.Services.port;
import static io.stackpilot.wiring.Services.scraper;
import static io.stackpilot.wiring.Services.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.stackpilot.api.EgressCidrSpec;
import io.stackpilot.api.EgressMode;
import io.stackpilot.api.EgressPortSpec;
import io.stackpilot.api.EgressSpec;
import io.stackpilot.api.IsolationSpec;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.NetworkPeerSpec;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.PortProtocol;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EgressRulesTest {

  private static final String INSTANCE = "app.kubernetes.io/instance";

  private final StackService prowlarr =
      labelled(
          Services.media(
              "prowlarr",
              spec -> {
                spec.setStack(Services.STACK);
                spec.setPorts(List.of(port("http", 9696), port("metrics", 9707)));
              }),
          Map.of("metrics", "yes"));

  private final StackService sonarr =
      Services.media(
          "sonarr",
          spec -> {
            spec.setStack(Services.STACK);
            spec.setPorts(List.of(port("http", 8989)));
            spec.setDependsOn(List.of(dependency(ServiceKind.MEDIA_SERVICE, "prowlarr")));
          });

  private final StackService prometheus =
      scraper("prometheus", matchLabels(Map.of("metrics", "yes")));

  @Test
  void openEgressRendersNoEgressRuleAndLeavesTheTypeOut() {
    NetworkPolicy policy = policyOf(sonarr, stackWith(null));

    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getEgress()).isEmpty();

    EgressSpec open = new EgressSpec();
    open.setMode(EgressMode.OPEN);
    assertThat(policyOf(sonarr, stackWith(open)).getSpec().getPolicyTypes())
        .containsExactly("Ingress");
  }

  @Test
  void restrictedEgressAllowsDnsFirstThenTheServicesItDependsOn() {
    NetworkPolicy policy = policyOf(sonarr, stackWith(restrict()));

    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    List<NetworkPolicyEgressRule> rules = policy.getSpec().getEgress();
    assertThat(rules).hasSize(2);
    NetworkPolicyEgressRule dns = rules.get(0);
    NetworkPolicyPeer dnsPeer = dns.getTo().get(0);
    assertThat(dnsPeer.getNamespaceSelector().getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
    assertThat(dnsPeer.getPodSelector().getMatchLabels())
        .containsExactly(Map.entry("k8s-app", "kube-dns"));
    assertThat(dns.getPorts()).containsExactly(policyPort(53, "UDP"), policyPort(53, "TCP"));
    assertThat(servicesReached(rules.get(1))).containsExactly("prowlarr");
    assertThat(rules.get(1).getPorts()).as("every port of a dependency").isEmpty();
  }

  @Test
  void aMetricsServiceReachesWhatItScrapesOnTheMetricsPortOnly() {
    NetworkPolicy policy =
        policyOf(prometheus, stackWith(restrict()), List.of(prowlarr, sonarr, prometheus));

    List<NetworkPolicyEgressRule> rules = policy.getSpec().getEgress();
    assertThat(rules).hasSize(2);
    assertThat(servicesReached(rules.get(1))).containsExactly("prowlarr");
    assertThat(rules.get(1).getPorts()).containsExactly(policyPort(9707, "TCP"));
  }

  @Test
  void aDashboardsServiceReachesTheStacksMetricsServicesAndUptimeTheIngressController() {
    StackService grafana =
        Services.monitoring(
            "grafana", MonitoringRole.DASHBOARDS, spec -> spec.setStack(Services.STACK));
    prometheus.serviceSpec().setStack(Services.STACK);
    StackService otherStacksPrometheus =
        scraper("elsewhere", matchLabels(Map.of("metrics", "yes")));
    otherStacksPrometheus.serviceSpec().setStack("lab");
    StackService gatus =
        Services.monitoring("gatus", MonitoringRole.UPTIME, spec -> spec.setStack(Services.STACK));
    List<StackService> all = List.of(grafana, prometheus, otherStacksPrometheus, gatus, prowlarr);

    List<NetworkPolicyEgressRule> grafanaRules =
        policyOf(grafana, stackWith(restrict()), all).getSpec().getEgress();
    assertThat(grafanaRules).hasSize(2);
    assertThat(servicesReached(grafanaRules.get(1))).containsExactly("prometheus");

    List<NetworkPolicyEgressRule> gatusRules =
        policyOf(gatus, stackWith(restrict()), all).getSpec().getEgress();
    assertThat(gatusRules).hasSize(2);
    assertThat(gatusRules.get(1).getTo().get(0).getNamespaceSelector().getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx"));
  }

  @Test
  void theStacksCidrsAndPeersAreAllowedWithTheirPortsAndExceptions() {
    EgressSpec egress = restrict();
    EgressCidrSpec internet = new EgressCidrSpec();
    internet.setCidr("0.0.0.0/0");
    internet.setExcept(List.of("10.0.0.0/8", "192.168.0.0/16"));
    EgressPortSpec https = new EgressPortSpec();
    https.setPort(443);
    internet.setPorts(List.of(https));
    EgressCidrSpec nas = new EgressCidrSpec();
    nas.setCidr("192.168.1.20/32");
    EgressPortSpec nfs = new EgressPortSpec();
    nfs.setPort(2049);
    nfs.setProtocol(PortProtocol.UDP);
    nas.setPorts(List.of(nfs));
    NetworkPeerSpec vpn = new NetworkPeerSpec();
    vpn.setNamespace("vpn");
    egress.setToCIDRs(List.of(internet, nas));
    egress.setToPeers(List.of(vpn));

    List<NetworkPolicyEgressRule> rules = policyOf(sonarr, stackWith(egress)).getSpec().getEgress();

    assertThat(rules).hasSize(5);
    assertThat(rules.get(2).getTo().get(0).getNamespaceSelector().getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "vpn"));
    assertThat(rules.get(2).getPorts()).isEmpty();
    assertThat(rules.get(3).getTo().get(0).getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
    assertThat(rules.get(3).getTo().get(0).getIpBlock().getExcept())
        .containsExactly("10.0.0.0/8", "192.168.0.0/16");
    assertThat(rules.get(3).getPorts()).containsExactly(policyPort(443, "TCP"));
    assertThat(rules.get(4).getTo().get(0).getIpBlock().getCidr()).isEqualTo("192.168.1.20/32");
    assertThat(rules.get(4).getPorts()).containsExactly(policyPort(2049, "UDP"));
  }

  @Test
  void everyRuleNamesADestinationSinceOneWithoutWouldAllowEverything() {
    EgressSpec egress = restrict();
    NetworkPeerSpec dns = new NetworkPeerSpec();
    dns.setNamespace("dns");
    egress.setDns(dns);
    EgressCidrSpec anywhere = new EgressCidrSpec();
    anywhere.setCidr("::/0");
    egress.setToCIDRs(List.of(anywhere));

    for (StackService service : List.of(sonarr, prowlarr, prometheus)) {
      List<NetworkPolicyEgressRule> rules =
          policyOf(service, stackWith(egress), List.of(sonarr, prowlarr, prometheus))
              .getSpec()
              .getEgress();
      assertThat(rules).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
      assertThat(rules.get(0).getTo().get(0).getNamespaceSelector().getMatchLabels())
          .containsEntry("kubernetes.io/metadata.name", "dns");
    }
  }

  @Test
  void aStackThatDoesNotIsolateRestrictsNothingWhateverItsEgressSays() {
    ServiceStack stack = stackWith(restrict());
    stack.getSpec().setNetworkPolicy(NetworkPolicyMode.OFF);

    NetworkInputs inputs = NetworkInputs.derive(sonarr, Optional.of(stack), List.of(prowlarr));

    assertThat(NetworkPolicies.render(effective(sonarr), inputs, owner("sonarr"))).isEmpty();
  }

  private static EgressSpec restrict() {
    EgressSpec egress = new EgressSpec();
    egress.setMode(EgressMode.RESTRICT);
    return egress;
  }

  private static ServiceStack stackWith(EgressSpec egress) {
    ServiceStack stack = stack(NetworkPolicyMode.ISOLATE);
    IsolationSpec isolation = new IsolationSpec();
    isolation.setEgress(egress);
    stack.getSpec().setIsolation(isolation);
    return stack;
  }

  private NetworkPolicy policyOf(StackService service, ServiceStack stack) {
    return policyOf(service, stack, List.of(sonarr, prowlarr));
  }

  private static NetworkPolicy policyOf(
      StackService service, ServiceStack stack, List<StackService> neighbours) {
    NetworkInputs inputs = NetworkInputs.derive(service, Optional.of(stack), neighbours);
    return NetworkPolicies.render(
            effective(service), inputs, owner(service.getMetadata().getName()))
        .orElseThrow();
  }

  private static List<String> servicesReached(NetworkPolicyEgressRule rule) {
    return rule.getTo().stream()
        .map(peer -> peer.getPodSelector().getMatchLabels().get(INSTANCE))
        .toList();
  }

  private static NetworkPolicyPort policyPort(int number, String protocol) {
    NetworkPolicyPort port = new NetworkPolicyPort();
    port.setPort(new IntOrString(number));
    port.setProtocol(protocol);
    return port;
  }
}
