package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.ReclaimPolicy;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeAccessMode;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ServiceRendererTest {

  @Test
  void revisionIsStableForTheSameSpec() {
    assertThat(render(spec -> {}).revision()).isEqualTo(render(spec -> {}).revision()).hasSize(10);
  }

  @Test
  void revisionChangesWithImageEnvConfigAndFiles() {
    String base = render(spec -> {}).revision();

    assertThat(render(spec -> spec.getChannels().getStable().setImage("app:2")).revision())
        .isNotEqualTo(base);
    assertThat(render(spec -> spec.setConfig(Map.of("LOG_LEVEL", "debug"))).revision())
        .isNotEqualTo(base);
    assertThat(
            render(spec -> spec.setConfigFiles(List.of(file("/config/a.yml", "x: 1")))).revision())
        .isNotEqualTo(
            render(spec -> spec.setConfigFiles(List.of(file("/config/a.yml", "x: 2")))).revision());
  }

  @Test
  void replicasDoNotChangeTheRevision() {
    assertThat(render(spec -> spec.setReplicas(3)).revision())
        .isEqualTo(render(spec -> spec.setReplicas(1)).revision());
  }

  @Test
  void configMapsAreContentAddressedAndImmutable() {
    RenderedService one = render(spec -> spec.setConfig(Map.of("LOG_LEVEL", "info")));
    RenderedService two = render(spec -> spec.setConfig(Map.of("LOG_LEVEL", "debug")));

    assertThat(one.configMaps())
        .singleElement()
        .satisfies(
            cm -> {
              assertThat(cm.getMetadata().getName()).startsWith("app-cfg-");
              assertThat(cm.getImmutable()).isTrue();
              assertThat(cm.getData()).containsEntry("LOG_LEVEL", "info");
            });
    assertThat(two.configMaps().get(0).getMetadata().getName())
        .isNotEqualTo(one.configMaps().get(0).getMetadata().getName());
    assertThat(
            one.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom())
        .singleElement()
        .satisfies(
            from ->
                assertThat(from.getConfigMapRef().getName())
                    .isEqualTo(one.configMaps().get(0).getMetadata().getName()));
  }

  @Test
  void configFilesAreMountedReadOnlyAtTheirPaths() {
    RenderedService rendered =
        render(spec -> spec.setConfigFiles(List.of(file("/config/settings.yml", "a: 1"))));

    var mounts =
        rendered
            .deployment()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getVolumeMounts();
    assertThat(mounts)
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/config/settings.yml");
              assertThat(m.getReadOnly()).isTrue();
              assertThat(m.getSubPath()).isEqualTo("0-settings.yml");
            });
    assertThat(rendered.configMaps())
        .anySatisfy(cm -> assertThat(cm.getMetadata().getName()).startsWith("app-files-"));
  }

  @Test
  void readWriteOnceStorageOrASingleReplicaWithStorageRecreates() {
    assertThat(
            strategy(
                render(spec -> spec.setStorage(List.of(volume(VolumeAccessMode.READ_WRITE_ONCE))))))
        .isEqualTo("Recreate");
    assertThat(
            strategy(
                render(spec -> spec.setStorage(List.of(volume(VolumeAccessMode.READ_WRITE_MANY))))))
        .isEqualTo("Recreate");
    assertThat(
            strategy(
                render(
                    spec -> {
                      spec.setReplicas(3);
                      spec.setStorage(List.of(volume(VolumeAccessMode.READ_WRITE_MANY)));
                    })))
        .isEqualTo("RollingUpdate");
    assertThat(strategy(render(spec -> spec.setReplicas(3)))).isEqualTo("RollingUpdate");
    // Spelled out, so that the field manager owns them and a later switch to Recreate removes them.
    var rollingUpdate =
        render(spec -> spec.setReplicas(3)).deployment().getSpec().getStrategy().getRollingUpdate();
    assertThat(rollingUpdate.getMaxSurge().getStrVal()).isEqualTo("25%");
    assertThat(rollingUpdate.getMaxUnavailable().getStrVal()).isEqualTo("25%");
    assertThat(
            render(spec -> spec.setStorage(List.of(volume(VolumeAccessMode.READ_WRITE_ONCE))))
                .deployment()
                .getSpec()
                .getStrategy()
                .getRollingUpdate())
        .isNull();
  }

  @Test
  void claimsHaveNoOwnerUnlessReclaimIsDelete() {
    RenderedService retained =
        render(spec -> spec.setStorage(List.of(volume(VolumeAccessMode.READ_WRITE_ONCE))));
    assertThat(retained.claims())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getMetadata().getName()).isEqualTo("app-config");
              assertThat(c.getMetadata().getOwnerReferences()).isEmpty();
            });

    RenderedService deleted =
        render(
            spec -> {
              StorageSpec storage = volume(VolumeAccessMode.READ_WRITE_ONCE);
              storage.setReclaim(ReclaimPolicy.DELETE);
              spec.setStorage(List.of(storage));
            });
    assertThat(deleted.claims().get(0).getMetadata().getOwnerReferences()).hasSize(1);
  }

  @Test
  void existingClaimsAreMountedButNeverRendered() {
    RenderedService rendered =
        render(
            spec -> {
              StorageSpec storage = new StorageSpec();
              storage.setName("media");
              storage.setMountPath("/media");
              storage.setExistingClaim("media-library");
              spec.setStorage(List.of(storage));
            });
    assertThat(rendered.claims()).isEmpty();
    assertThat(rendered.deployment().getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(
            v ->
                assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("media-library"));
  }

  @Test
  void restrictedProfileRendersWhatPodSecurityRestrictedDemands() {
    Deployment deployment =
        render(spec -> spec.setSecurityProfile(SecurityProfile.RESTRICTED)).deployment();
    var pod = deployment.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0).getSecurityContext();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void everyRenderedObjectButPodsIsLabelledWithTheServiceNotWithTheInstanceLabelGitOpsToolsTrack() {
    RenderedService rendered =
        render(
            spec -> {
              spec.setStorage(List.of(volume(VolumeAccessMode.READ_WRITE_ONCE)));
              spec.setConfig(Map.of("TZ", "UTC"));
            });
    List<HasMetadata> topLevel = rendered.objects();

    assertThat(topLevel)
        .extracting(HasMetadata::getKind)
        .contains("ConfigMap", "PersistentVolumeClaim", "Service", "Deployment");
    for (HasMetadata object : topLevel) {
      assertThat(object.getMetadata().getLabels())
          .as("%s %s", object.getKind(), object.getMetadata().getName())
          .containsEntry(Labels.SERVICE, "app")
          .doesNotContainKey(Labels.INSTANCE);
    }
  }

  @Test
  void aServiceWithAMetricsPortIsLabelledForTheStacksServiceMonitor() {
    RenderedService withMetrics =
        render(
            spec -> {
              PortSpec metrics = new PortSpec();
              metrics.setName("metrics");
              metrics.setPort(9707);
              List<PortSpec> ports = new java.util.ArrayList<>(spec.getPorts());
              ports.add(metrics);
              spec.setPorts(ports);
            });
    RenderedService without = render(spec -> {});

    assertThat(withMetrics.service().orElseThrow().getMetadata().getLabels())
        .containsEntry(Labels.METRICS, "true");
    assertThat(without.service().orElseThrow().getMetadata().getLabels())
        .doesNotContainKey(Labels.METRICS);
  }

  @Test
  void podsKeepTheLabelsTheDeploymentsImmutableSelectorsName() {
    RenderedService rendered = render(spec -> {});
    Map<String, String> template =
        rendered.deployment().getSpec().getTemplate().getMetadata().getLabels();

    assertThat(template)
        .containsAllEntriesOf(rendered.deployment().getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.INSTANCE, "app")
        .doesNotContainKey(Labels.SERVICE);
  }

  @Test
  void standardLabelsAndTheRevisionAreOnTheTemplate() {
    RenderedService rendered = render(spec -> {});
    Map<String, String> labels =
        rendered.deployment().getSpec().getTemplate().getMetadata().getLabels();

    assertThat(labels)
        .containsEntry(Labels.NAME, "app")
        .containsEntry(Labels.INSTANCE, "app")
        .containsEntry(Labels.MANAGED_BY, "stackpilot")
        .containsEntry(Labels.PART_OF, "stackpilot")
        .containsEntry(Labels.REVISION, rendered.revision())
        .containsEntry(Labels.TRACK, "stable");
    assertThat(rendered.deployment().getSpec().getSelector().getMatchLabels())
        .doesNotContainKey(Labels.REVISION);
  }

  @Test
  void noPortsMeansNoServiceAndNoIngress() {
    RenderedService rendered = render(spec -> spec.setPorts(List.of()));
    assertThat(rendered.service()).isEmpty();
    assertThat(rendered.ingress()).isEmpty();
  }

  private static String strategy(RenderedService rendered) {
    return rendered.deployment().getSpec().getStrategy().getType();
  }

  static RenderedService render(Consumer<MediaServiceSpec> customize) {
    MediaService service = new MediaService();
    service.setMetadata(new ObjectMetaBuilder().withName("app").withNamespace("ns").build());
    MediaServiceSpec spec = new MediaServiceSpec();
    Channels channels = new Channels();
    ChannelSpec stable = new ChannelSpec();
    stable.setImage("app:1");
    channels.setStable(stable);
    spec.setChannels(channels);
    PortSpec http = new PortSpec();
    http.setName("http");
    http.setPort(8080);
    spec.setPorts(List.of(http));
    customize.accept(spec);
    service.setSpec(spec);
    var effective =
        Layering.layer(
            service,
            Optional.empty(),
            Layering.selectedChannel(spec, Optional.empty()),
            Overlays.none());
    return ServiceRenderer.render(effective, OWNER);
  }

  private static final OwnerReference OWNER =
      new OwnerReferenceBuilder()
          .withApiVersion("stackpilot.io/v1alpha1")
          .withKind("MediaService")
          .withName("app")
          .withUid("uid-1")
          .withController(true)
          .build();

  private static ConfigFile file(String path, String content) {
    ConfigFile file = new ConfigFile();
    file.setPath(path);
    file.setContent(content);
    return file;
  }

  private static StorageSpec volume(VolumeAccessMode mode) {
    StorageSpec storage = new StorageSpec();
    storage.setName("config");
    storage.setMountPath("/config");
    storage.setSize("1Gi");
    storage.setAccessMode(mode);
    return storage;
  }
}
