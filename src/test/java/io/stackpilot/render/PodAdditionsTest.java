package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.ExtraContainer;
import io.stackpilot.api.ExtraVolume;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeMountSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Extra volumes, mounts with subPath, init containers, native sidecars and extra containers land in
 * the pod in Kubernetes' own shape, under the service's security profile.
 */
class PodAdditionsTest {

  @Test
  void eachVolumeTypeIsRenderedUnderItsOwnPrefixedName() {
    PodSpec pod =
        pod(
            spec ->
                spec.setVolumes(
                    yaml(
                        """
                        - {name: media, nfs: {server: nas.lan, path: /export/media, readOnly: true}}
                        - {name: host, hostPath: {path: /srv/cache, type: Directory}}
                        - {name: users, secret: {secretName: authelia-users, defaultMode: 0400}}
                        - {name: extra, configMap: {name: app-extra}}
                        - {name: shm, emptyDir: {medium: Memory, sizeLimit: 256Mi}}
                        """,
                        new TypeReference<List<ExtraVolume>>() {})));

    assertThat(pod.getVolumes())
        .extracting(Volume::getName)
        .containsExactly("extra-media", "extra-host", "extra-users", "extra-extra", "extra-shm");
    assertThat(volume(pod, "extra-media").getNfs().getServer()).isEqualTo("nas.lan");
    assertThat(volume(pod, "extra-media").getNfs().getReadOnly()).isTrue();
    assertThat(volume(pod, "extra-host").getHostPath().getType()).isEqualTo("Directory");
    assertThat(volume(pod, "extra-users").getSecret().getSecretName()).isEqualTo("authelia-users");
    assertThat(volume(pod, "extra-users").getSecret().getDefaultMode()).isEqualTo(0400);
    assertThat(volume(pod, "extra-extra").getConfigMap().getName()).isEqualTo("app-extra");
    assertThat(volume(pod, "extra-shm").getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(volume(pod, "extra-shm").getEmptyDir().getSizeLimit().toString()).isEqualTo("256Mi");
  }

  @Test
  void theAppMountsExtraVolumesAndStorageWithSubPathAndReadOnly() {
    PodSpec pod =
        pod(
            spec -> {
              spec.setStorage(
                  yaml(
                      "- {name: config, mountPath: /config, size: 1Gi}",
                      new TypeReference<List<StorageSpec>>() {}));
              spec.setVolumes(
                  yaml(
                      "- {name: media, nfs: {server: nas.lan, path: /export/media}}",
                      new TypeReference<List<ExtraVolume>>() {}));
              spec.setVolumeMounts(
                  yaml(
                      """
                      - {name: media, mountPath: /tv, subPath: tv, readOnly: true}
                      - {name: config, mountPath: /logs, subPath: logs}
                      """,
                      new TypeReference<List<VolumeMountSpec>>() {}));
            });

    List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts();
    assertThat(mounts)
        .extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getSubPath)
        .containsExactly(
            tuple("storage-config", "/config", null),
            tuple("extra-media", "/tv", "tv"),
            tuple("storage-config", "/logs", "logs"));
    assertThat(mounts.get(1).getReadOnly()).isTrue();
    assertThat(mounts.get(2).getReadOnly()).isNull();
  }

  @Test
  void initContainersRunFirstAndAnAlwaysRestartingOneIsANativeSidecar() {
    PodSpec pod =
        pod(
            spec -> {
              spec.setVolumes(
                  yaml(
                      "- {name: shared, emptyDir: {}}", new TypeReference<List<ExtraVolume>>() {}));
              spec.setInitContainers(
                  yaml(
                      """
                      - name: prepare
                        image: busybox:1
                        command: [sh, -c]
                        args: [echo ready > /shared/state]
                        volumeMounts: [{name: shared, mountPath: /shared}]
                      - name: vpn
                        image: gluetun:3
                        restartPolicy: Always
                        env: [{name: VPN_TYPE, value: wireguard}]
                      """,
                      new TypeReference<List<ExtraContainer>>() {}));
              spec.setContainers(
                  yaml(
                      """
                      - name: exporter
                        image: exporter:1
                        workingDir: /work
                        resources: {limits: {memory: 64Mi}}
                      """,
                      new TypeReference<List<ExtraContainer>>() {}));
            });

    assertThat(pod.getInitContainers())
        .extracting(Container::getName)
        .containsExactly("prepare", "vpn");
    Container prepare = pod.getInitContainers().get(0);
    assertThat(prepare.getCommand()).containsExactly("sh", "-c");
    assertThat(prepare.getArgs()).containsExactly("echo ready > /shared/state");
    assertThat(prepare.getVolumeMounts().get(0).getName()).isEqualTo("extra-shared");
    assertThat(prepare.getRestartPolicy()).isNull();
    Container vpn = pod.getInitContainers().get(1);
    assertThat(vpn.getRestartPolicy()).isEqualTo("Always");
    assertThat(vpn.getEnv().get(0).getValue()).isEqualTo("wireguard");
    assertThat(pod.getContainers())
        .extracting(Container::getName)
        .containsExactly("app", "exporter");
    assertThat(pod.getContainers().get(1).getWorkingDir()).isEqualTo("/work");
    assertThat(pod.getContainers().get(1).getResources().getLimits()).containsKey("memory");
  }

  @Test
  void extraContainersAreHardenedLikeTheAppAndMayRefineTheirIdentity() {
    PodSpec pod =
        pod(
            spec -> {
              spec.setSecurityProfile(SecurityProfile.RESTRICTED);
              spec.setContainers(
                  yaml(
                      """
                      - name: plain
                        image: plain:1
                      - name: own
                        image: own:1
                        securityContext: {runAsUser: 2000, runAsGroup: 2000, capabilities: {add: [NET_BIND_SERVICE]}}
                      """,
                      new TypeReference<List<ExtraContainer>>() {}));
            });

    var plain = pod.getContainers().get(1).getSecurityContext();
    assertThat(plain.getAllowPrivilegeEscalation()).isFalse();
    assertThat(plain.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(plain.getRunAsNonRoot()).isTrue();
    assertThat(plain.getRunAsUser()).as("the pod's uid applies").isNull();
    var own = pod.getContainers().get(2).getSecurityContext();
    assertThat(own.getRunAsUser()).isEqualTo(2000L);
    assertThat(own.getRunAsGroup()).isEqualTo(2000L);
    assertThat(own.getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
  }

  @Test
  void aChannelReplacesAContainersImageWhileItIsLiveAndChangesTheRevision() {
    Consumer<MediaServiceSpec> withSidecar =
        spec ->
            spec.setContainers(
                yaml(
                    "- {name: exporter, image: exporter:1}",
                    new TypeReference<List<ExtraContainer>>() {}));
    RenderedService stable = ServiceRendererTest.render(withSidecar);
    RenderedService beta =
        ServiceRendererTest.render(
            withSidecar.andThen(
                spec -> {
                  ChannelSpec channel = new ChannelSpec();
                  channel.setImage("app:1");
                  channel.setContainerImages(Map.of("exporter", "exporter:2-beta"));
                  spec.getChannels().setBeta(channel);
                  spec.setChannel(Channel.BETA);
                }));

    assertThat(podOf(stable).getContainers().get(1).getImage()).isEqualTo("exporter:1");
    assertThat(podOf(beta).getContainers().get(1).getImage()).isEqualTo("exporter:2-beta");
    assertThat(DeploymentRenderer.revisionOf(beta.deployment()))
        .isNotEqualTo(DeploymentRenderer.revisionOf(stable.deployment()));
  }

  @Test
  void aServiceWithoutAdditionsRendersNoEmptyLists() {
    PodSpec pod = pod(spec -> {});

    assertThat(pod.getInitContainers()).isEmpty();
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(Serialization.asYaml(pod)).doesNotContain("initContainers");
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static <T> T yaml(String text, TypeReference<T> type) {
    return Serialization.unmarshal(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), type);
  }

  private static PodSpec podOf(RenderedService rendered) {
    return rendered.deployment().getSpec().getTemplate().getSpec();
  }

  private static PodSpec pod(Consumer<MediaServiceSpec> customize) {
    return podOf(ServiceRendererTest.render(customize));
  }
}
