package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimBindingTest {

  private static final ClaimBinding.Restored CONFIG_RESTORED =
      new ClaimBinding.Restored(
          "config",
          "sonarr-config",
          "sonarr-config-rabc123",
          "sonarr-config-pre-rev2",
          "sonarr-config",
          "rev2");

  @Test
  void theRestoredClaimReplacesTheRenderedOneAndTheRevisionKeepsItsName() {
    RenderedService rendered =
        ServiceRenderer.render(
            effective(),
            new OwnerReferenceBuilder()
                .withApiVersion("stackpilot.io/v1alpha1")
                .withKind("MediaService")
                .withName("sonarr")
                .withUid("u")
                .build());
    RenderedService bound = ClaimBinding.rebind(rendered, List.of(CONFIG_RESTORED));

    assertThat(bound.revision()).isEqualTo(rendered.revision());
    assertThat(ServiceRenderer.revisionOf(bound.deployment()))
        .isEqualTo(ServiceRenderer.revisionOf(rendered.deployment()));
    assertThat(claimNames(bound.deployment().getSpec().getTemplate().getSpec().getVolumes()))
        .containsExactly("sonarr-config-rabc123", "sonarr-downloads");
    assertThat(bound.claims())
        .extracting(c -> c.getMetadata().getName())
        .containsExactly("sonarr-config-rabc123", "sonarr-downloads");
    PersistentVolumeClaim restored = bound.claims().get(0);
    assertThat(restored.getSpec().getDataSource().getApiGroup())
        .isEqualTo("snapshot.storage.k8s.io");
    assertThat(restored.getSpec().getDataSource().getKind()).isEqualTo("VolumeSnapshot");
    assertThat(restored.getSpec().getDataSource().getName()).isEqualTo("sonarr-config-pre-rev2");
    assertThat(restored.getSpec().getResources())
        .isEqualTo(rendered.claims().get(0).getSpec().getResources());
    assertThat(restored.getMetadata().getLabels())
        .containsEntry(DataSafetyLabels.STORAGE, "config")
        .containsAllEntriesOf(rendered.claims().get(0).getMetadata().getLabels());
    assertThat(restored.getMetadata().getAnnotations())
        .containsEntry(DataSafetyLabels.RESTORED_FROM, "sonarr-config-pre-rev2")
        .containsEntry(DataSafetyLabels.REPLACES, "sonarr-config")
        .containsEntry(DataSafetyLabels.FAILED_REVISION, "rev2");
    // The input is left as it was: the rendering and the history keep the claim the spec names.
    assertThat(claimNames(rendered.deployment().getSpec().getTemplate().getSpec().getVolumes()))
        .containsExactly("sonarr-config", "sonarr-downloads");
  }

  @Test
  void aListOfObjectsIsReboundInPlaceAndWithoutRestoresStaysTheSame() {
    RenderedService rendered =
        ServiceRenderer.render(
            effective(),
            new OwnerReferenceBuilder()
                .withApiVersion("stackpilot.io/v1alpha1")
                .withKind("MediaService")
                .withName("sonarr")
                .withUid("u")
                .build());
    List<HasMetadata> objects = rendered.objects();
    assertThat(ClaimBinding.rebind(objects, List.of())).isSameAs(objects);
    List<HasMetadata> rebound = ClaimBinding.rebind(objects, List.of(CONFIG_RESTORED));
    assertThat(rebound)
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactlyElementsOf(
            objects.stream()
                .map(
                    o ->
                        o.getKind()
                            + "/"
                            + o.getMetadata()
                                .getName()
                                .replace("sonarr-config", "sonarr-config-rabc123"))
                .toList());
  }

  @Test
  void statusSaysWhichClaimHoldsWhichData() {
    EffectiveService service = effective();
    assertThat(ProtectedVolumes.status(service, List.of(), SnapshotEnvironment.NONE))
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(volume.getName()).isEqualTo("config");
              assertThat(volume.getClaim()).isEqualTo("sonarr-config");
              assertThat(volume.getRestoredFrom()).isNull();
            });
    assertThat(ProtectedVolumes.status(service, List.of(CONFIG_RESTORED), SnapshotEnvironment.NONE))
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(volume.getClaim()).isEqualTo("sonarr-config-rabc123");
              assertThat(volume.getRestoredFrom()).isEqualTo("sonarr-config-pre-rev2");
              assertThat(volume.getMigratedClaim()).isEqualTo("sonarr-config");
              assertThat(volume.getFailedRevision()).isEqualTo("rev2");
            });
  }

  @Test
  void statusSaysWhetherEachVolumeIsSnapshottedAndWithWhichClass() {
    SnapshotEnvironment cluster =
        new SnapshotEnvironment(
            Optional.of(
                List.of(new SnapshotClassInfo("hostpath-snapshots", "hostpath.csi.k8s.io", true))),
            Map.of("sonarr-downloads", "hostpath.csi.k8s.io"));
    assertThat(ProtectedVolumes.status(effective(), List.of(), cluster))
        .extracting(
            VolumeStatus::getName,
            VolumeStatus::getVolumeSnapshotClass,
            v ->
                v.getSnapshotsBeforeUpgrade()
                    .substring(0, v.getSnapshotsBeforeUpgrade().indexOf(':')))
        .containsExactly(
            tuple("config", "csi", "On"), tuple("downloads", "hostpath-snapshots", "On"));
    assertThat(ProtectedVolumes.snapshotted(effective(), List.of(), cluster))
        .extracting(ProtectedVolume::claim, v -> v.snapshotClass().orElseThrow())
        .containsExactly(
            tuple("sonarr-config", "csi"), tuple("sonarr-downloads", "hostpath-snapshots"));
  }

  @Test
  void protectedVolumesFollowTheRestoredClaim() {
    ClaimObservation restored =
        new ClaimObservation(
            "sonarr-config-rabc123",
            Optional.of("config"),
            Optional.of("sonarr-config-pre-rev2"),
            Optional.of("rev2"),
            Optional.of("sonarr-config"),
            false,
            Instant.EPOCH);
    assertThat(
            ProtectedVolumes.snapshotted(effective(), List.of(restored), SnapshotEnvironment.NONE))
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(volume.claim()).isEqualTo("sonarr-config-rabc123");
              assertThat(volume.snapshotClass()).contains("csi");
              assertThat(volume.restoreOnRollback()).isTrue();
              assertThat(volume.snapshotsToKeep()).isEqualTo(3);
            });
    assertThat(ProtectedVolumes.restored(effective(), List.of(restored)))
        .containsExactly(
            new ClaimBinding.Restored(
                "config",
                "sonarr-config",
                "sonarr-config-rabc123",
                "sonarr-config-pre-rev2",
                "sonarr-config",
                "rev2"));
  }

  private static List<String> claimNames(List<Volume> volumes) {
    return volumes.stream()
        .filter(v -> v.getPersistentVolumeClaim() != null)
        .map(v -> v.getPersistentVolumeClaim().getClaimName())
        .toList();
  }

  private static EffectiveService effective() {
    MediaService service = new MediaService();
    service.setMetadata(new ObjectMetaBuilder().withName("sonarr").withNamespace("media").build());
    MediaServiceSpec spec = new MediaServiceSpec();
    ChannelSpec stable = new ChannelSpec();
    stable.setImage("lscr.io/linuxserver/sonarr:4.0.14");
    Channels channels = new Channels();
    channels.setStable(stable);
    spec.setChannels(channels);
    StorageSpec config = new StorageSpec();
    config.setName("config");
    config.setMountPath("/config");
    config.setSize("2Gi");
    config.setSnapshotBeforeUpgrade(true);
    config.setRestoreOnRollback(true);
    config.setVolumeSnapshotClassName("csi");
    StorageSpec downloads = new StorageSpec();
    downloads.setName("downloads");
    downloads.setMountPath("/downloads");
    downloads.setSize("10Gi");
    spec.setStorage(List.of(config, downloads));
    service.setSpec(spec);
    return Layering.layer(
        service,
        Optional.empty(),
        Layering.selectedChannel(spec, Optional.empty()),
        Overlays.none());
  }
}
