package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.dependency;
import static io.stackpilot.wiring.Services.inNamespace;
import static io.stackpilot.wiring.Services.labelled;
import static io.stackpilot.wiring.Services.matchLabels;
import static io.stackpilot.wiring.Services.protector;
import static io.stackpilot.wiring.Services.scraper;
import static io.stackpilot.wiring.Services.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.stackpilot.api.IsolationSpec;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.NetworkPeerSpec;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.ScrapeSpec;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkInputsTest {

  private static final Map<String, String> LABELS = Map.of("app", "prowlarr", "metrics", "yes");
  private static final String CONTROLLER = NetworkInputs.DEFAULT_INGRESS_CONTROLLER_NAMESPACE;

  private final MediaService prowlarr = labelled(Services.media("prowlarr", spec -> {}), LABELS);

  @Test
  void theStackDecidesWhetherServicesAreIsolated() {
    assertThat(derive(Optional.of(stack(NetworkPolicyMode.ISOLATE)), List.of()).mode())
        .isEqualTo(NetworkPolicyMode.ISOLATE);
    assertThat(derive(Optional.of(stack(NetworkPolicyMode.OFF)), List.of()).mode())
        .isEqualTo(NetworkPolicyMode.OFF);
  }

  @Test
  void withoutAStackOrItsSettingNothingIsIsolated() {
    assertThat(derive(Optional.empty(), List.of()).mode()).isEqualTo(NetworkPolicyMode.OFF);
    assertThat(derive(Optional.of(stack(null)), List.of()).mode()).isEqualTo(NetworkPolicyMode.OFF);
  }

  @Test
  void protectorsAreTheSecurityServicesWhoseSelectorMatches() {
    NetworkInputs inputs =
        derive(
            List.of(
                protector("authelia", matchLabels(Map.of("app", "prowlarr"))),
                protector("oauth2-proxy", matchLabels(Map.of("app", "sonarr")))));

    assertThat(inputs.protectors()).containsExactly("authelia");
  }

  @Test
  void consumersAreTheServicesThatDependOnIt() {
    MediaService sonarr =
        Services.media(
            "sonarr",
            spec -> spec.setDependsOn(List.of(dependency(ServiceKind.MEDIA_SERVICE, "prowlarr"))));
    MediaService radarr =
        Services.media(
            "radarr",
            spec ->
                spec.setDependsOn(
                    List.of(
                        dependency(ServiceKind.SECURITY_SERVICE, "authelia"),
                        dependency(ServiceKind.MEDIA_SERVICE, "prowlarr"))));
    MediaService jellyfin = Services.media("jellyfin", spec -> {});

    assertThat(derive(List.of(sonarr, jellyfin, radarr)).consumers())
        .containsExactly("radarr", "sonarr");
  }

  @Test
  void aDependencyOnAnotherKindWithTheSameNameIsNoConsumer() {
    MediaService sonarr =
        Services.media(
            "sonarr",
            spec ->
                spec.setDependsOn(List.of(dependency(ServiceKind.SECURITY_SERVICE, "prowlarr"))));

    assertThat(derive(List.of(sonarr)).consumers()).isEmpty();
  }

  @Test
  void servicesOfOtherNamespacesAreNoConsumers() {
    MediaService elsewhere =
        inNamespace(
            Services.media(
                "sonarr",
                spec ->
                    spec.setDependsOn(List.of(dependency(ServiceKind.MEDIA_SERVICE, "prowlarr")))),
            "other");

    assertThat(derive(List.of(elsewhere)).consumers()).isEmpty();
  }

  @Test
  void scrapersAreTheMetricsServicesWhoseSelectorMatches() {
    NetworkInputs inputs =
        derive(
            List.of(
                scraper("victoria", matchLabels(Map.of("metrics", "yes"))),
                scraper("prometheus", matchLabels(Map.of("metrics", "yes"))),
                scraper("picky", matchLabels(Map.of("metrics", "no")))));

    assertThat(inputs.scrapers()).containsExactly("prometheus", "victoria");
  }

  @Test
  void onlyMetricsServicesScrape() {
    MonitoringService grafana =
        Services.monitoring(
            "grafana",
            MonitoringRole.DASHBOARDS,
            spec -> {
              ScrapeSpec scrape = new ScrapeSpec();
              scrape.setSelector(new LabelSelector());
              spec.getMonitoring().setScrape(scrape);
            });

    assertThat(derive(List.of(grafana)).scrapers()).isEmpty();
  }

  @Test
  void aMetricsServiceWithoutScrapeOrOfAnotherNamespaceScrapesNothing() {
    MonitoringService idle = Services.monitoring("idle", MonitoringRole.METRICS, spec -> {});
    MonitoringService elsewhere = inNamespace(scraper("prometheus", new LabelSelector()), "other");

    assertThat(derive(List.of(idle, elsewhere)).scrapers()).isEmpty();
  }

  @Test
  void theIngressControllerIsIngressNginxsNamespaceUnlessTheStackNamesAnother() {
    ServiceStack k3s = stack(NetworkPolicyMode.ISOLATE);
    IsolationSpec isolation = new IsolationSpec();
    NetworkPeerSpec traefik = new NetworkPeerSpec();
    traefik.setNamespace("kube-system");
    traefik.setPodSelector(
        new LabelSelectorBuilder().addToMatchLabels("app.kubernetes.io/name", "traefik").build());
    isolation.setIngressController(traefik);
    NetworkPeerSpec kubePrometheus = new NetworkPeerSpec();
    kubePrometheus.setNamespace("monitoring");
    isolation.setScrapers(List.of(kubePrometheus));
    k3s.getSpec().setIsolation(isolation);

    NetworkInputs byDefault = derive(List.of());
    NetworkInputs onK3s = derive(Optional.of(k3s), List.of());

    assertThat(byDefault.ingressController().getNamespace()).isEqualTo("ingress-nginx");
    assertThat(byDefault.ingressController().getPodSelector()).isNull();
    assertThat(byDefault.outsideScrapers()).isEmpty();
    assertThat(onK3s.ingressController()).isEqualTo(traefik);
    assertThat(onK3s.outsideScrapers()).containsExactly(kubePrometheus);
    assertThat(onK3s.allowFrom()).isEmpty();
  }

  @Test
  void namesAreSortedAndRepeatsDropped() {
    NetworkInputs inputs =
        new NetworkInputs(
            NetworkPolicyMode.ISOLATE,
            List.of("b", "a", "b"),
            List.of("z", "y"),
            List.of("m", "m"),
            CONTROLLER);

    assertThat(inputs.protectors()).containsExactly("a", "b");
    assertThat(inputs.consumers()).containsExactly("y", "z");
    assertThat(inputs.scrapers()).containsExactly("m");
    assertThat(inputs)
        .isEqualTo(
            new NetworkInputs(
                NetworkPolicyMode.ISOLATE,
                List.of("a", "b"),
                List.of("y", "z"),
                List.of("m"),
                CONTROLLER));
  }

  @Test
  void absentListsReadAsEmptyButModeAndControllerAreRequired() {
    NetworkInputs inputs = new NetworkInputs(NetworkPolicyMode.OFF, null, null, null, CONTROLLER);

    assertThat(inputs.protectors()).isEmpty();
    assertThat(inputs.consumers()).isEmpty();
    assertThat(inputs.scrapers()).isEmpty();
    assertThatNullPointerException()
        .isThrownBy(() -> new NetworkInputs(null, List.of(), List.of(), List.of(), CONTROLLER));
    assertThatNullPointerException()
        .isThrownBy(
            () -> new NetworkInputs(NetworkPolicyMode.OFF, List.of(), List.of(), List.of(), null));
  }

  private NetworkInputs derive(List<? extends StackService> neighbours) {
    return derive(Optional.of(stack(NetworkPolicyMode.ISOLATE)), neighbours);
  }

  private NetworkInputs derive(
      Optional<ServiceStack> stack, List<? extends StackService> neighbours) {
    return NetworkInputs.derive(prowlarr, stack, neighbours);
  }
}
