package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.ScrapeSpec;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NeighbourWakesTest {

  @Test
  void aStatusWriteIsNoChangeOfSpecOrLabels() {
    MediaService before = media("sonarr", 3, Map.of("tier", "media"));
    MediaService after = media("sonarr", 3, Map.of("tier", "media"));
    after.setStatus(new ServiceStatus());

    assertThat(NeighbourWakes.specOrLabelsChanged(before, after)).isFalse();
  }

  @Test
  void aNewGenerationOrNewLabelsAreAChange() {
    assertThat(
            NeighbourWakes.specOrLabelsChanged(
                media("sonarr", 3, Map.of()), media("sonarr", 4, Map.of())))
        .isTrue();
    // Labels are metadata: changing them leaves the generation alone, yet moves the service in or
    // out of a selector.
    assertThat(
            NeighbourWakes.specOrLabelsChanged(
                media("sonarr", 3, Map.of("tier", "media")), media("sonarr", 3, Map.of())))
        .isTrue();
  }

  @Test
  void comingAndGoingAreChanges() {
    assertThat(NeighbourWakes.specOrLabelsChanged(null, media("sonarr", 1, Map.of()))).isTrue();
    assertThat(NeighbourWakes.specOrLabelsChanged(media("sonarr", 1, Map.of()), null)).isTrue();
  }

  @Test
  void aSecurityServiceBecomingReadyChangesItsPeersButAMediaServiceDoesNot() {
    assertThat(PeerWakes.changesPeers(authelia(2, "tier", false), authelia(2, "tier", true)))
        .isTrue();
    assertThat(PeerWakes.changesPeers(authelia(2, "tier", true), authelia(2, "tier", true)))
        .isFalse();
    MediaService notReady = media("sonarr", 2, Map.of());
    MediaService ready = media("sonarr", 2, Map.of());
    ready.setStatus(readyStatus(true));
    assertThat(PeerWakes.changesPeers(notReady, ready)).isFalse();
  }

  @Test
  void whatWasProtectedAndWhatIsProtectedAreBothNamed() {
    SecurityService before = authelia(2, "old", true);
    SecurityService after = authelia(3, "new", true);

    assertThat(PeerWakes.namedBeforeOrAfter(before, after, media("a", 1, Map.of("old", "yes"))))
        .isTrue();
    assertThat(PeerWakes.namedBeforeOrAfter(before, after, media("b", 1, Map.of("new", "yes"))))
        .isTrue();
    assertThat(PeerWakes.namedBeforeOrAfter(before, after, media("c", 1, Map.of("other", "yes"))))
        .isFalse();
    assertThat(PeerWakes.namedBeforeOrAfter(null, after, media("b", 1, Map.of("new", "yes"))))
        .isTrue();
    assertThat(PeerWakes.namedBeforeOrAfter(before, null, media("a", 1, Map.of("old", "yes"))))
        .isTrue();
  }

  @Test
  void aSecurityServiceNeverNamesItselfAsProtected() {
    SecurityService selfSelecting = authelia(2, "app", true);
    selfSelecting.getMetadata().setLabels(Map.of("app", "yes"));

    assertThat(PeerWakes.namedBeforeOrAfter(null, selfSelecting, selfSelecting)).isFalse();
  }

  @Test
  void whatADependentDependedOnAndNowDependsOnAreBothNamed() {
    MediaService before = media("sonarr", 2, Map.of());
    before.setSpec(new MediaServiceSpec());
    before.getSpec().setDependsOn(List.of(dependency(ServiceKind.MEDIA_SERVICE, "prowlarr")));
    MediaService after = media("sonarr", 3, Map.of());
    after.setSpec(new MediaServiceSpec());
    after.getSpec().setDependsOn(List.of(dependency(ServiceKind.MEDIA_SERVICE, "jackett")));

    assertThat(PeerWakes.namedBeforeOrAfter(before, after, media("prowlarr", 1, Map.of())))
        .isTrue();
    assertThat(PeerWakes.namedBeforeOrAfter(before, after, media("jackett", 1, Map.of()))).isTrue();
    assertThat(PeerWakes.namedBeforeOrAfter(before, after, media("radarr", 1, Map.of()))).isFalse();
  }

  @Test
  void aServiceThatDependsOnTheNeighbourWaitsForItsReadiness() {
    MediaService sonarr = media("sonarr", 2, Map.of());
    sonarr.setSpec(new MediaServiceSpec());
    sonarr.getSpec().setDependsOn(List.of(dependency(ServiceKind.MEDIA_SERVICE, "prowlarr")));

    assertThat(PeerWakes.dependsOn(sonarr, media("prowlarr", 1, Map.of()))).isTrue();
    assertThat(PeerWakes.dependsOn(sonarr, media("jackett", 1, Map.of()))).isFalse();
    assertThat(PeerWakes.dependsOn(media("prowlarr", 1, Map.of()), sonarr))
        .as("not the other way round")
        .isFalse();
  }

  @Test
  void whatAMetricsServiceScrapesIsNamed() {
    MonitoringService prometheus = new MonitoringService();
    prometheus.setMetadata(meta("prometheus", 1, Map.of()));
    MonitoringSpec monitoring = new MonitoringSpec();
    monitoring.setRole(MonitoringRole.METRICS);
    ScrapeSpec scrape = new ScrapeSpec();
    scrape.setSelector(
        new LabelSelectorBuilder().withMatchLabels(Map.of("metrics", "yes")).build());
    monitoring.setScrape(scrape);
    prometheus.setSpec(new MonitoringServiceSpec());
    prometheus.getSpec().setMonitoring(monitoring);

    assertThat(
            PeerWakes.namedBeforeOrAfter(
                null, prometheus, media("sonarr", 1, Map.of("metrics", "yes"))))
        .isTrue();
    assertThat(PeerWakes.namedBeforeOrAfter(null, prometheus, media("radarr", 1, Map.of())))
        .isFalse();
  }

  private static Dependency dependency(ServiceKind kind, String name) {
    Dependency dependency = new Dependency();
    dependency.setKind(kind);
    dependency.setName(name);
    return dependency;
  }

  private static MediaService media(String name, long generation, Map<String, String> labels) {
    MediaService service = new MediaService();
    service.setMetadata(meta(name, generation, labels));
    return service;
  }

  /** authelia, protecting whatever carries the label {@code protectedLabel=yes}. */
  private static SecurityService authelia(long generation, String protectedLabel, boolean ready) {
    SecurityService service = new SecurityService();
    service.setMetadata(meta("authelia", generation, Map.of()));
    SecuritySpec security = new SecuritySpec();
    security.setProtects(
        new LabelSelectorBuilder().withMatchLabels(Map.of(protectedLabel, "yes")).build());
    SecurityServiceSpec spec = new SecurityServiceSpec();
    spec.setSecurity(security);
    service.setSpec(spec);
    service.setStatus(readyStatus(ready));
    return service;
  }

  private static ObjectMeta meta(String name, long generation, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace("home")
        .withGeneration(generation)
        .withLabels(labels)
        .build();
  }

  private static ServiceStatus readyStatus(boolean ready) {
    ServiceStatus status = new ServiceStatus();
    status.setConditions(
        List.of(
            new ConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build()));
    return status;
  }
}
