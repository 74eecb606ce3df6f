package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.effective;
import static io.stackpilot.wiring.Services.expose;
import static io.stackpilot.wiring.Services.owner;
import static io.stackpilot.wiring.Services.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.NetworkPeerSpec;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.PortProtocol;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.render.ServiceRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkPoliciesTest {

  private static final String INSTANCE = "app.kubernetes.io/instance";
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** sonarr with an http and a metrics port, not exposed. */
  private final StackService sonarr =
      Services.media(
          "sonarr", spec -> spec.setPorts(List.of(port("http", 8989), port("metrics", 9707))));

  @Test
  void aStackThatDoesNotIsolateGetsNoPolicy() {
    NetworkInputs off =
        new NetworkInputs(
            NetworkPolicyMode.OFF,
            List.of("authelia"),
            List.of("radarr"),
            List.of("prometheus"),
            "ingress-nginx");

    assertThat(NetworkPolicies.render(effective(sonarr), off, owner("sonarr"))).isEmpty();
  }

  @Test
  void thePolicyIsNamedAfterTheServiceAndOwnedByIt() {
    NetworkPolicy policy = render(sonarr, isolate(List.of(), List.of(), List.of()));

    assertThat(policy.getApiVersion()).isEqualTo("networking.k8s.io/v1");
    assertThat(policy.getMetadata().getName()).isEqualTo("sonarr-isolate");
    assertThat(policy.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(policy.getMetadata().getOwnerReferences()).containsExactly(owner("sonarr"));
    assertThat(policy.getMetadata().getLabels())
        .containsEntry("stackpilot.io/service", "sonarr")
        .doesNotContainKey(INSTANCE)
        .containsEntry(MANAGED_BY, "stackpilot");
  }

  @Test
  void thePolicySelectsEveryPodOfTheServiceAndRestrictsOnlyIngress() {
    NetworkPolicy policy = render(sonarr, isolate(List.of(), List.of(), List.of()));

    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsOnly(Map.entry(INSTANCE, "sonarr"), Map.entry(MANAGED_BY, "stackpilot"));
    assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
  }

  @Test
  void withNothingToAdmitEveryIngressIsDenied() {
    NetworkPolicy policy = render(sonarr, isolate(List.of(), List.of(), List.of()));

    assertThat(policy.getSpec().getIngress()).isEmpty();
  }

  @Test
  void protectorsReachEveryPort() {
    NetworkPolicyIngressRule rule =
        singleRule(
            render(sonarr, isolate(List.of("oauth2-proxy", "authelia"), List.of(), List.of())));

    assertThat(servicesAdmitted(rule)).containsExactly("authelia", "oauth2-proxy");
    assertThat(rule.getPorts()).isEmpty();
  }

  @Test
  void consumersReachEveryPort() {
    NetworkPolicyIngressRule rule =
        singleRule(render(sonarr, isolate(List.of(), List.of("radarr"), List.of())));

    assertThat(servicesAdmitted(rule)).containsExactly("radarr");
    assertThat(rule.getPorts()).isEmpty();
  }

  @Test
  void peersAreSelectedAsStackpilotPodsOfTheNamedService() {
    NetworkPolicyPeer peer =
        singleRule(render(sonarr, isolate(List.of(), List.of("radarr"), List.of())))
            .getFrom()
            .get(0);

    assertThat(peer.getPodSelector().getMatchLabels())
        .containsOnly(Map.entry(INSTANCE, "radarr"), Map.entry(MANAGED_BY, "stackpilot"));
    assertThat(peer.getNamespaceSelector()).isNull();
    assertThat(peer.getIpBlock()).isNull();
  }

  @Test
  void scrapersReachOnlyTheMetricsPort() {
    NetworkPolicyIngressRule rule =
        singleRule(render(sonarr, isolate(List.of(), List.of(), List.of("prometheus"))));

    assertThat(servicesAdmitted(rule)).containsExactly("prometheus");
    assertThat(rule.getPorts()).containsExactly(policyPort(9707, "TCP"));
  }

  @Test
  void theMetricsPortKeepsItsProtocol() {
    PortSpec udpMetrics = port("metrics", 8125);
    udpMetrics.setProtocol(PortProtocol.UDP);
    StackService statsd = Services.media("statsd", spec -> spec.setPorts(List.of(udpMetrics)));

    assertThat(
            singleRule(render(statsd, isolate(List.of(), List.of(), List.of("prometheus"))))
                .getPorts())
        .containsExactly(policyPort(8125, "UDP"));
  }

  @Test
  void withoutAMetricsPortScrapersAreNotAdmitted() {
    StackService quiet =
        Services.media("jellyfin", spec -> spec.setPorts(List.of(port("http", 8096))));

    assertThat(
            render(quiet, isolate(List.of(), List.of(), List.of("prometheus")))
                .getSpec()
                .getIngress())
        .isEmpty();
  }

  @Test
  void anExposedServiceAdmitsTheIngressControllerNamespaceToItsExposedPort() {
    StackService exposed = exposedSonarr(null);

    NetworkPolicyIngressRule rule =
        singleRule(render(exposed, isolate(List.of(), List.of(), List.of())));

    assertThat(rule.getFrom())
        .singleElement()
        .satisfies(
            peer -> {
              assertThat(peer.getNamespaceSelector().getMatchLabels())
                  .containsOnly(Map.entry("kubernetes.io/metadata.name", "ingress-nginx"));
              assertThat(peer.getPodSelector()).isNull();
            });
    assertThat(rule.getPorts()).containsExactly(policyPort(8989, "TCP"));
  }

  @Test
  void theControllerReachesExactlyThePortTheIngressRoutesTo() {
    StackService exposed = exposedSonarr("metrics");

    NetworkPolicyIngressRule rule =
        singleRule(render(exposed, isolate(List.of(), List.of(), List.of())));
    var backendPort =
        ServiceRenderer.render(effective(exposed), owner("sonarr"))
            .ingress()
            .orElseThrow()
            .getSpec()
            .getRules()
            .get(0)
            .getHttp()
            .getPaths()
            .get(0)
            .getBackend()
            .getService()
            .getPort()
            .getName();

    assertThat(backendPort).isEqualTo("metrics");
    assertThat(rule.getPorts()).containsExactly(policyPort(9707, "TCP"));
  }

  @Test
  void theIngressControllerNamespaceIsAnInput() {
    NetworkInputs k3s =
        new NetworkInputs(
            NetworkPolicyMode.ISOLATE, List.of(), List.of(), List.of(), "kube-system");

    NetworkPolicyIngressRule rule = singleRule(render(exposedSonarr(null), k3s));

    assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsOnly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
  }

  @Test
  void theStacksIngressControllerOutsideScrapersAndOtherPeersAreAdmittedWhereTheyBelong() {
    NetworkPeerSpec traefik = peer("kube-system", Map.of("app.kubernetes.io/name", "traefik"));
    NetworkPeerSpec kubePrometheus =
        peer("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    NetworkPeerSpec homeAssistant = peer(null, Map.of("app", "home-assistant"));
    NetworkInputs k3s =
        new NetworkInputs(
            NetworkPolicyMode.ISOLATE,
            List.of(),
            List.of(),
            List.of(),
            traefik,
            List.of(kubePrometheus),
            List.of(homeAssistant));

    List<NetworkPolicyIngressRule> rules = render(exposedSonarr(null), k3s).getSpec().getIngress();

    assertThat(rules).hasSize(3);
    NetworkPolicyPeer controller = rules.get(0).getFrom().get(0);
    assertThat(controller.getNamespaceSelector().getMatchLabels())
        .containsOnly(Map.entry("kubernetes.io/metadata.name", "kube-system"));
    assertThat(controller.getPodSelector().getMatchLabels())
        .containsOnly(Map.entry("app.kubernetes.io/name", "traefik"));
    assertThat(rules.get(0).getPorts()).containsExactly(policyPort(8989, "TCP"));
    assertThat(rules.get(1).getFrom().get(0).getNamespaceSelector().getMatchLabels())
        .containsOnly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
    assertThat(rules.get(1).getPorts())
        .as("outside scrapers reach the metrics port only")
        .containsExactly(policyPort(9707, "TCP"));
    NetworkPolicyPeer sameNamespace = rules.get(2).getFrom().get(0);
    assertThat(sameNamespace.getNamespaceSelector())
        .as("a peer without a namespace is of the policy's own")
        .isNull();
    assertThat(sameNamespace.getPodSelector().getMatchLabels())
        .containsOnly(Map.entry("app", "home-assistant"));
    assertThat(rules.get(2).getPorts()).as("every port").isEmpty();
  }

  private static NetworkPeerSpec peer(String namespace, Map<String, String> podLabels) {
    NetworkPeerSpec peer = new NetworkPeerSpec();
    peer.setNamespace(namespace);
    peer.setPodSelector(new LabelSelectorBuilder().withMatchLabels(podLabels).build());
    return peer;
  }

  @Test
  void aServiceThatIsNotExposedDoesNotAdmitTheIngressController() {
    assertThat(render(sonarr, isolate(List.of(), List.of(), List.of())).getSpec().getIngress())
        .isEmpty();
  }

  @Test
  void theIngressControllerReachesASecurityServicesForwardAuthPortEvenWhenItIsNotExposed() {
    StackService authelia =
        Services.security(
            "authelia",
            SecurityProvider.AUTHELIA,
            spec -> {
              spec.setPorts(List.of(port("http", 9091), port("metrics", 9959)));
              spec.getSecurity().setForwardAuth(Services.forwardAuth("/api/verify", "http"));
            });

    NetworkPolicyIngressRule rule =
        singleRule(render(authelia, isolate(List.of(), List.of(), List.of())));

    assertThat(rule.getFrom().get(0).getNamespaceSelector()).isNotNull();
    assertThat(rule.getPorts()).containsExactly(policyPort(9091, "TCP"));
  }

  @Test
  void anExposedForwardAuthPortIsAdmittedOnceAndSeveralPortsBySortedNumber() {
    StackService samePort = Services.authelia(SecurityProvider.AUTHELIA);
    StackService otherPort =
        Services.security(
            "oauth2-proxy",
            SecurityProvider.OAUTH2_PROXY,
            spec -> {
              spec.setPorts(List.of(port("http", 4180), port("auth", 4000)));
              spec.getSecurity().setForwardAuth(Services.forwardAuth("/oauth2/auth", "auth"));
              spec.setExpose(expose("login.home.example", null));
            });

    // Authelia's fixture exposes its first port, metrics 9959, and answers forward auth on http
    // 9091.
    assertThat(singleRule(render(samePort, isolate(List.of(), List.of(), List.of()))).getPorts())
        .containsExactly(policyPort(9091, "TCP"), policyPort(9959, "TCP"));
    assertThat(singleRule(render(otherPort, isolate(List.of(), List.of(), List.of()))).getPorts())
        .containsExactly(policyPort(4000, "TCP"), policyPort(4180, "TCP"));
    StackService sharedPort =
        Services.security(
            "proxy",
            SecurityProvider.GENERIC,
            spec -> {
              spec.setPorts(List.of(port("http", 8080)));
              spec.getSecurity().setForwardAuth(Services.forwardAuth("/auth", "http"));
              spec.setExpose(expose("proxy.home.example", null));
            });
    assertThat(singleRule(render(sharedPort, isolate(List.of(), List.of(), List.of()))).getPorts())
        .containsExactly(policyPort(8080, "TCP"));
  }

  @Test
  void rulesComeInAFixedOrderAndEveryOneNamesItsPeers() {
    NetworkPolicy policy =
        render(
            exposedSonarr(null),
            isolate(List.of("authelia"), List.of("radarr"), List.of("prometheus")));

    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
    assertThat(rules).hasSize(4);
    assertThat(servicesAdmitted(rules.get(0))).containsExactly("authelia");
    assertThat(servicesAdmitted(rules.get(1))).containsExactly("radarr");
    assertThat(servicesAdmitted(rules.get(2))).containsExactly("prometheus");
    assertThat(rules.get(3).getFrom().get(0).getNamespaceSelector()).isNotNull();
    // A rule without peers would admit every pod and namespace.
    assertThat(rules).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
  }

  @Test
  void theSameInputsInAnyOrderRenderTheSamePolicy() {
    NetworkPolicy one =
        render(
            exposedSonarr(null),
            isolate(
                List.of("b-proxy", "a-proxy"),
                List.of("radarr", "lidarr"),
                List.of("vm", "prometheus")));
    NetworkPolicy other =
        render(
            exposedSonarr(null),
            isolate(
                List.of("a-proxy", "b-proxy"),
                List.of("lidarr", "radarr"),
                List.of("prometheus", "vm")));

    assertThat(one).isEqualTo(other);
    assertThat(servicesAdmitted(one.getSpec().getIngress().get(1)))
        .containsExactly("lidarr", "radarr");
  }

  private static NetworkInputs isolate(
      List<String> protectors, List<String> consumers, List<String> scrapers) {
    return new NetworkInputs(
        NetworkPolicyMode.ISOLATE,
        protectors,
        consumers,
        scrapers,
        NetworkInputs.DEFAULT_INGRESS_CONTROLLER_NAMESPACE);
  }

  private static NetworkPolicy render(StackService service, NetworkInputs inputs) {
    EffectiveService effective = effective(service);
    Optional<NetworkPolicy> policy =
        NetworkPolicies.render(effective, inputs, owner(service.getMetadata().getName()));
    return policy.orElseThrow();
  }

  private StackService exposedSonarr(String exposedPort) {
    ExposeSpec expose = expose("sonarr.home.example", "nginx");
    expose.setPort(exposedPort);
    sonarr.serviceSpec().setExpose(expose);
    return sonarr;
  }

  private static NetworkPolicyIngressRule singleRule(NetworkPolicy policy) {
    assertThat(policy.getSpec().getIngress()).hasSize(1);
    return policy.getSpec().getIngress().get(0);
  }

  private static List<String> servicesAdmitted(NetworkPolicyIngressRule rule) {
    return rule.getFrom().stream()
        .map(peer -> peer.getPodSelector().getMatchLabels().get(INSTANCE))
        .toList();
  }

  private static NetworkPolicyPort policyPort(int port, String protocol) {
    NetworkPolicyPort policyPort = new NetworkPolicyPort();
    policyPort.setPort(new IntOrString(port));
    policyPort.setProtocol(protocol);
    return policyPort;
  }
}
