package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.SecuritySpec;
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
    assertThat(NeighbourWakes.specOrLabelsChanged(media("sonarr", 3, Map.of()), media("sonarr", 4, Map.of()))).isTrue();
    // Labels are metadata: changing them leaves the generation alone, yet moves the service in or out of a selector.
    assertThat(NeighbourWakes.specOrLabelsChanged(media("sonarr", 3, Map.of("tier", "media")), media("sonarr", 3, Map.of())))
        .isTrue();
  }

  @Test
  void comingAndGoingAreChanges() {
    assertThat(NeighbourWakes.specOrLabelsChanged(null, media("sonarr", 1, Map.of()))).isTrue();
    assertThat(NeighbourWakes.specOrLabelsChanged(media("sonarr", 1, Map.of()), null)).isTrue();
  }

  @Test
  void aSecurityServiceBecomingReadyChangesProtectionButAMediaServiceDoesNot() {
    assertThat(ProtectionWakes.changesProtection(authelia(2, "tier", false), authelia(2, "tier", true))).isTrue();
    assertThat(ProtectionWakes.changesProtection(authelia(2, "tier", true), authelia(2, "tier", true))).isFalse();
    MediaService notReady = media("sonarr", 2, Map.of());
    MediaService ready = media("sonarr", 2, Map.of());
    ready.setStatus(readyStatus(true));
    assertThat(ProtectionWakes.changesProtection(notReady, ready)).isFalse();
  }

  @Test
  void whatWasProtectedAndWhatIsProtectedAreBothWoken() {
    SecurityService before = authelia(2, "old", true);
    SecurityService after = authelia(3, "new", true);

    assertThat(ProtectionWakes.protectedBeforeOrAfter(before, after, media("a", 1, Map.of("old", "yes")))).isTrue();
    assertThat(ProtectionWakes.protectedBeforeOrAfter(before, after, media("b", 1, Map.of("new", "yes")))).isTrue();
    assertThat(ProtectionWakes.protectedBeforeOrAfter(before, after, media("c", 1, Map.of("other", "yes")))).isFalse();
    assertThat(ProtectionWakes.protectedBeforeOrAfter(null, after, media("b", 1, Map.of("new", "yes")))).isTrue();
    assertThat(ProtectionWakes.protectedBeforeOrAfter(before, null, media("a", 1, Map.of("old", "yes")))).isTrue();
  }

  @Test
  void aSecurityServiceNeverWakesItselfAsProtected() {
    SecurityService selfSelecting = authelia(2, "app", true);
    selfSelecting.getMetadata().setLabels(Map.of("app", "yes"));

    assertThat(ProtectionWakes.protectedBeforeOrAfter(null, selfSelecting, selfSelecting)).isFalse();
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
    security.setProtects(new LabelSelectorBuilder().withMatchLabels(Map.of(protectedLabel, "yes")).build());
    SecurityServiceSpec spec = new SecurityServiceSpec();
    spec.setSecurity(security);
    service.setSpec(spec);
    service.setStatus(readyStatus(ready));
    return service;
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name, long generation, Map<String, String> labels) {
    return new ObjectMetaBuilder().withName(name).withNamespace("home").withGeneration(generation)
        .withLabels(labels).build();
  }

  private static ServiceStatus readyStatus(boolean ready) {
    ServiceStatus status = new ServiceStatus();
    status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build()));
    return status;
  }
}
