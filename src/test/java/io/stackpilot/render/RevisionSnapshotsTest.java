package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.lifecycle.RevisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A rollback applies the old revision exactly: the same pod template and the same ConfigMap
 * contents, even when the spec has since moved on and the old ConfigMaps are gone. A restart stamps
 * the pod template and nothing else, so it is still the same revision.
 */
class RevisionSnapshotsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
  private static final KubernetesSerialization COPY = new KubernetesSerialization();
  private static final OwnerReference OWNER =
      new OwnerReferenceBuilder()
          .withApiVersion("stackpilot.io/v1alpha1")
          .withKind("MediaService")
          .withName("sonarr")
          .withUid("uid-1")
          .withController(true)
          .build();

  private final RenderedService good =
      render("lscr.io/linuxserver/sonarr:4.0.14", "info", "port: 8989");
  private final RenderedService upgrade =
      render("lscr.io/linuxserver/sonarr:4.0.15", "trace", "port: 9999");

  @Test
  void recordKeepsRevisionImageChannelTimeTemplateAndConfigMapContents() {
    RevisionRecord record =
        RevisionSnapshots.record(good, "stable", "lscr.io/linuxserver/sonarr:4.0.14", T0);

    assertThat(record.revision()).isEqualTo(good.revision());
    assertThat(record.image()).isEqualTo("lscr.io/linuxserver/sonarr:4.0.14");
    assertThat(record.channel()).isEqualTo("stable");
    assertThat(record.appliedAt()).isEqualTo(T0.toString());
    assertThat(record.result()).as("nobody knows yet").isEqualTo(RevisionRecord.PROGRESSING);
    assertThat(json(record.podTemplate()))
        .isEqualTo(json(good.deployment().getSpec().getTemplate()));
    assertThat(record.configMaps()).hasSize(2);
    for (ConfigMap map : good.configMaps()) {
      assertThat(record.configMaps())
          .containsEntry(map.getMetadata().getName(), new TreeMap<>(map.getData()));
    }
  }

  @Test
  void recordIsACopyThatLaterChangesToTheRenderedObjectsDoNotReach() {
    RevisionRecord record = RevisionSnapshots.record(good, "stable", "app", T0);
    PodTemplateSpec recorded = good.deployment().getSpec().getTemplate();
    String imageBefore = recorded.getSpec().getContainers().get(0).getImage();

    recorded.getSpec().getContainers().get(0).setImage("tampered");

    assertThat(record.podTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(imageBefore);
  }

  @Test
  void restoreOverANewerSpecGivesBackTheRecordedDeploymentExactly() {
    RevisionRecord record =
        RevisionSnapshots.record(good, "stable", "lscr.io/linuxserver/sonarr:4.0.14", T0);

    RenderedService restored = RevisionSnapshots.restore(upgrade, record, OWNER);

    assertThat(upgrade.revision())
        .as("precondition: the spec moved on")
        .isNotEqualTo(good.revision());
    assertThat(restored.revision()).isEqualTo(good.revision());
    assertThat(json(restored.deployment().getSpec().getTemplate()))
        .isEqualTo(json(good.deployment().getSpec().getTemplate()));
    assertThat(json(restored.deployment()))
        .as("the Deployment the old spec rendered, to the byte")
        .isEqualTo(json(good.deployment()));
  }

  @Test
  void restoreGivesBackTheRecordedConfigMapsWithTheirContents() {
    RevisionRecord record = RevisionSnapshots.record(good, "stable", "app", T0);

    RenderedService restored = RevisionSnapshots.restore(upgrade, record, OWNER);

    assertThat(restored.configMaps()).containsExactlyInAnyOrderElementsOf(good.configMaps());
    assertThat(restored.configMaps())
        .allSatisfy(
            map -> {
              assertThat(map.getImmutable()).isTrue();
              assertThat(map.getMetadata().getNamespace()).isEqualTo("media");
              assertThat(map.getMetadata().getOwnerReferences()).containsExactly(OWNER);
            });
    assertThat(restored.configMaps())
        .extracting(m -> m.getMetadata().getName())
        .doesNotContainAnyElementsOf(
            upgrade.configMaps().stream().map(m -> m.getMetadata().getName()).toList());
  }

  @Test
  void restoredDeploymentMountsExactlyTheRestoredConfigMaps() {
    RenderedService restored =
        RevisionSnapshots.restore(
            upgrade, RevisionSnapshots.record(good, "stable", "app", T0), OWNER);
    var pod = restored.deployment().getSpec().getTemplate().getSpec();

    String envFrom = pod.getContainers().get(0).getEnvFrom().get(0).getConfigMapRef().getName();
    String files =
        pod.getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();

    assertThat(restored.configMaps())
        .extracting(m -> m.getMetadata().getName())
        .containsExactlyInAnyOrder(envFrom, files);
  }

  @Test
  void restoreMarksTheDeploymentWithTheRecordedRevisionAndChannel() {
    RevisionRecord record = RevisionSnapshots.record(good, "stable", "app", T0);
    RenderedService betaNow = render("lscr.io/linuxserver/sonarr:4.0.15", "trace", "port: 9999");
    betaNow.deployment().getMetadata().getAnnotations().put("stackpilot.io/channel", "beta");

    RenderedService restored = RevisionSnapshots.restore(betaNow, record, OWNER);

    assertThat(restored.deployment().getMetadata().getAnnotations())
        .containsEntry("stackpilot.io/revision", good.revision())
        .containsEntry("stackpilot.io/channel", "stable");
    assertThat(restored.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(Labels.REVISION, good.revision());
  }

  @Test
  void restoreKeepsTheCurrentServiceClaimsAndIngress() {
    RenderedService restored =
        RevisionSnapshots.restore(
            upgrade, RevisionSnapshots.record(good, "stable", "app", T0), OWNER);

    assertThat(restored.service()).isEqualTo(upgrade.service());
    assertThat(restored.claims()).isEqualTo(upgrade.claims());
    assertThat(restored.ingress()).isEqualTo(upgrade.ingress());
  }

  @Test
  void restoreLeavesTheRecordAndTheCurrentObjectsUntouched() {
    RevisionRecord record = RevisionSnapshots.record(good, "stable", "app", T0);
    PodTemplateSpec recordedBefore = COPY.clone(record.podTemplate());
    var upgradeDeploymentBefore = COPY.clone(upgrade.deployment());

    RenderedService restored = RevisionSnapshots.restore(upgrade, record, OWNER);
    restored
        .deployment()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .setImage("tampered");

    assertThat(json(record.podTemplate())).isEqualTo(json(recordedBefore));
    assertThat(json(upgrade.deployment())).isEqualTo(json(upgradeDeploymentBefore));
  }

  @Test
  void restartStampsThePodTemplateAndKeepsTheRevision() {
    Instant at = T0.plusSeconds(65);

    RenderedService restarted = RevisionSnapshots.restarted(good, at);

    PodTemplateSpec template = restarted.deployment().getSpec().getTemplate();
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry(RevisionSnapshots.RESTARTED_AT_ANNOTATION, at.toString());
    assertThat(template.getMetadata().getLabels()).containsEntry(Labels.REVISION, good.revision());
    assertThat(restarted.revision()).isEqualTo(good.revision());
    assertThat(restarted.deployment().getMetadata()).isEqualTo(good.deployment().getMetadata());
    assertThat(restarted.configMaps()).isEqualTo(good.configMaps());
  }

  @Test
  void restartChangesNothingButTheStamp() {
    RenderedService restarted = RevisionSnapshots.restarted(good, T0);

    // Take the stamp off again (no annotations at all is how the renderer leaves them) and compare.
    PodTemplateSpec template = restarted.deployment().getSpec().getTemplate();
    Map<String, String> annotations = new TreeMap<>(template.getMetadata().getAnnotations());
    annotations.remove(RevisionSnapshots.RESTARTED_AT_ANNOTATION);
    template.getMetadata().setAnnotations(annotations.isEmpty() ? null : annotations);

    assertThat(json(restarted.deployment())).isEqualTo(json(good.deployment()));
  }

  @Test
  void restartLeavesTheRenderedObjectsUntouched() {
    RevisionSnapshots.restarted(good, T0);

    Map<String, String> annotations =
        good.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
    assertThat(annotations == null ? Map.<String, String>of() : annotations)
        .doesNotContainKey(RevisionSnapshots.RESTARTED_AT_ANNOTATION);
  }

  @Test
  void sameRestartStampedAgainGivesTheSameObjects() {
    // The reconciler stamps the recorded restart on every apply; it must not roll the pods again.
    assertThat(RevisionSnapshots.restarted(good, T0).deployment())
        .isEqualTo(RevisionSnapshots.restarted(good, T0).deployment());
  }

  @Test
  void laterRestartGivesANewStampAndSoNewPods() {
    assertThat(RevisionSnapshots.restarted(good, T0.plusSeconds(10)).deployment())
        .isNotEqualTo(RevisionSnapshots.restarted(good, T0).deployment());
  }

  @Test
  void restartKeepsAnnotationsTheUserPutOnThePods() {
    RenderedService annotated =
        render("app:1", "info", "a: 1", Map.of("prometheus.io/scrape", "true"));

    RenderedService restarted = RevisionSnapshots.restarted(annotated, T0);

    assertThat(restarted.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsKey(RevisionSnapshots.RESTARTED_AT_ANNOTATION);
  }

  /**
   * Objects compared as the API server receives them. Copies made through JSON turn an absent map
   * into an empty one, which serializes the same; equals() would call them different.
   */
  private static String json(Object object) {
    return COPY.asJson(object);
  }

  private static RenderedService render(String image, String logLevel, String settingsFile) {
    return render(image, logLevel, settingsFile, Map.of());
  }

  private static RenderedService render(
      String image, String logLevel, String settingsFile, Map<String, String> podAnnotations) {
    MediaService service = new MediaService();
    service.setMetadata(new ObjectMetaBuilder().withName("sonarr").withNamespace("media").build());
    MediaServiceSpec spec = new MediaServiceSpec();
    ChannelSpec stable = new ChannelSpec();
    stable.setImage(image);
    Channels channels = new Channels();
    channels.setStable(stable);
    spec.setChannels(channels);
    PortSpec http = new PortSpec();
    http.setName("http");
    http.setPort(8989);
    spec.setPorts(List.of(http));
    spec.setConfig(Map.of("LOG_LEVEL", logLevel));
    ConfigFile settings = new ConfigFile();
    settings.setPath("/config/settings.yml");
    settings.setContent(settingsFile);
    spec.setConfigFiles(List.of(settings));
    spec.setPodAnnotations(podAnnotations);
    service.setSpec(spec);
    var effective =
        Layering.layer(
            service,
            Optional.empty(),
            Layering.selectedChannel(spec, Optional.empty()),
            Overlays.none());
    return ServiceRenderer.render(effective, OWNER);
  }
}
