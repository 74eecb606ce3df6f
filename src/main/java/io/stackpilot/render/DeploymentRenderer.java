package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.MediaLibrary;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.TranscodeSpec;
import io.stackpilot.api.VolumeAccessMode;
import io.stackpilot.config.ContainerSettings;
import io.stackpilot.config.EffectiveService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Deployment of a service: its pod template carries the effective configuration, and the hash
 * of that template is the revision.
 */
final class DeploymentRenderer {

  /**
   * Kubernetes' default surge and unavailability for a rolling update, written down (see
   * strategy()).
   */
  static final String ROLLING_UPDATE_STEP = "25%";

  static final String REVISION_ANNOTATION = "stackpilot.io/revision";
  static final String CHANNEL_ANNOTATION = "stackpilot.io/channel";
  private static final int REVISION_HISTORY_LIMIT = 5;

  private DeploymentRenderer() {}

  static Deployment render(
      EffectiveService service,
      OwnerReference owner,
      Track track,
      int replicas,
      Optional<ConfigMap> entries,
      Optional<ConfigMap> files) {
    PodTemplateSpec template = podTemplate(service, track, entries, files);
    // The same configuration is the same revision on either track: a beta canary and beta live
    // share it.
    String revision = ContentHash.of(podTemplate(service, Track.STABLE, entries, files));
    template.getMetadata().getLabels().put(Labels.REVISION, revision);

    Map<String, String> labels = new TreeMap<>(Labels.standard(service));
    labels.put(Labels.TRACK, track.value());
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(track.deploymentName(service.name()))
        .withNamespace(service.namespace())
        .withLabels(labels)
        .addToAnnotations(REVISION_ANNOTATION, revision)
        .addToAnnotations(CHANNEL_ANNOTATION, service.channel().value())
        .withOwnerReferences(owner)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Labels.deploymentSelector(service, track))
        .endSelector()
        .withStrategy(strategy(service))
        .withProgressDeadlineSeconds(progressDeadlineSeconds(service))
        .withRevisionHistoryLimit(REVISION_HISTORY_LIMIT)
        .withTemplate(template)
        .endSpec()
        .build();
  }

  /**
   * The rollout's deadline counts from its start, and a pod's first start may take the whole
   * startup budget: the deadline is the progress deadline after that budget, so that a slow
   * migration is not reported as a stalled rollout (and rolled back) while its probe still waits.
   */
  private static int progressDeadlineSeconds(EffectiveService service) {
    return (int)
        service.recovery().progressDeadline().plus(service.health().startupBudget()).toSeconds();
  }

  /**
   * RollingUpdate spells out its parameters (the API server's own defaults), so that Stackpilot's
   * field manager owns them: when the service later needs Recreate, whose Deployment may not have
   * any, the apply removes them. Left to the API server's defaulting they belong to no manager,
   * stay, and every apply of the Recreate Deployment is refused: a stateless service that gained a
   * volume never rolled out.
   */
  private static DeploymentStrategy strategy(EffectiveService service) {
    if (needsRecreate(service)) {
      return new DeploymentStrategyBuilder().withType("Recreate").build();
    }
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(ROLLING_UPDATE_STEP))
        .withMaxUnavailable(new IntOrString(ROLLING_UPDATE_STEP))
        .endRollingUpdate()
        .build();
  }

  /** The revision a Deployment renders, read back from its pod template label. */
  static String revisionOf(Deployment deployment) {
    return deployment.getSpec().getTemplate().getMetadata().getLabels().get(Labels.REVISION);
  }

  /**
   * Never two pods on one ReadWriteOnce volume, and never two copies of a single-replica app on the
   * same data: those stop the old pod before starting the new one.
   */
  static boolean needsRecreate(EffectiveService service) {
    boolean singleWriterVolume =
        service.storage().stream()
            .anyMatch(s -> isCreated(s) && s.getAccessMode() != VolumeAccessMode.READ_WRITE_MANY);
    return singleWriterVolume || (service.replicas() <= 1 && !service.storage().isEmpty());
  }

  private static boolean isCreated(StorageSpec storage) {
    return storage.getExistingClaim() == null || storage.getExistingClaim().isEmpty();
  }

  private static PodTemplateSpec podTemplate(
      EffectiveService service,
      Track track,
      Optional<ConfigMap> entries,
      Optional<ConfigMap> files) {
    Map<String, String> labels = new TreeMap<>(service.podLabels());
    labels.putAll(Labels.pod(service, track));

    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    for (StorageSpec storage : service.storage()) {
      String volume = "storage-" + storage.getName();
      volumes.add(
          new VolumeBuilder()
              .withName(volume)
              .withNewPersistentVolumeClaim()
              .withClaimName(ObjectNames.claim(service.name(), storage))
              .endPersistentVolumeClaim()
              .build());
      mounts.add(mount(volume, storage.getMountPath(), Boolean.TRUE.equals(storage.getReadOnly())));
    }
    service.media().ifPresent(media -> addMediaVolumes(media, volumes, mounts));
    volumes.addAll(PodAdditionsRenderer.volumes(service));
    mounts.addAll(PodAdditionsRenderer.appMounts(service));
    files.ifPresent(
        configMap -> {
          volumes.add(
              new VolumeBuilder()
                  .withName("config-files")
                  .withNewConfigMap()
                  .withName(configMap.getMetadata().getName())
                  .endConfigMap()
                  .build());
          List<ConfigFile> all = service.configFiles();
          for (int i = 0; i < all.size(); i++) {
            mounts.add(
                new VolumeMountBuilder()
                    .withName("config-files")
                    .withMountPath(all.get(i).getPath())
                    .withSubPath(ConfigMapRenderer.fileKey(i, all.get(i)))
                    .withReadOnly(true)
                    .build());
          }
        });

    boolean needsDevices =
        service
            .media()
            .map(
                m ->
                    m.getTranscode() != null
                        && m.getTranscode().getDevices() != null
                        && !m.getTranscode().getDevices().isEmpty())
            .orElse(false);
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(service.name())
            .withImage(service.image())
            .withPorts(ports(service))
            .withEnv(service.env())
            .withVolumeMounts(mounts)
            .withResources(service.resources())
            .withSecurityContext(
                PodSecurity.container(
                    service.securityProfile(), needsDevices, service.container()));
    ContainerSettings settings = service.container();
    if (!settings.command().isEmpty()) {
      container.withCommand(settings.command());
    }
    if (!settings.args().isEmpty()) {
      container.withArgs(settings.args());
    }
    settings.workingDir().ifPresent(container::withWorkingDir);
    entries.ifPresent(
        configMap ->
            container.withEnvFrom(
                new EnvFromSourceBuilder()
                    .withNewConfigMapRef()
                    .withName(configMap.getMetadata().getName())
                    .endConfigMapRef()
                    .build()));
    ProbeRenderer.startup(service.health()).ifPresent(container::withStartupProbe);
    ProbeRenderer.readiness(service.health()).ifPresent(container::withReadinessProbe);
    ProbeRenderer.liveness(service.health()).ifPresent(container::withLivenessProbe);
    List<Container> containers = new ArrayList<>();
    containers.add(container.build());
    containers.addAll(PodAdditionsRenderer.containers(service));

    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(
            service.podAnnotations().isEmpty() ? null : new TreeMap<>(service.podAnnotations()))
        .endMetadata()
        .withNewSpec()
        .withInitContainers(PodAdditionsRenderer.initContainers(service))
        .withContainers(containers)
        .withVolumes(volumes)
        .withSecurityContext(PodSecurity.pod(service.securityProfile(), service.container()))
        .withNodeSelector(
            service.nodeSelector().isEmpty() ? null : new TreeMap<>(service.nodeSelector()))
        .withTolerations(service.tolerations())
        .withImagePullSecrets(service.imagePullSecrets())
        // Service links would put a FOO_PORT variable for every Service in the namespace into the
        // environment, which apps such as Sonarr read as their own settings.
        .withEnableServiceLinks(false)
        .withAutomountServiceAccountToken(false)
        .endSpec()
        .build();
  }

  private static void addMediaVolumes(
      MediaSpec media, List<Volume> volumes, List<VolumeMount> mounts) {
    if (media.getLibraries() != null) {
      for (MediaLibrary library : media.getLibraries()) {
        String volume = "library-" + library.getName();
        volumes.add(
            new VolumeBuilder()
                .withName(volume)
                .withNewPersistentVolumeClaim()
                .withClaimName(library.getClaimName())
                .endPersistentVolumeClaim()
                .build());
        mounts.add(
            mount(
                volume,
                library.getMountPath(),
                library.getReadOnly() == null
                    ? Boolean.parseBoolean(SchemaDefaults.LIBRARY_READ_ONLY)
                    : library.getReadOnly()));
      }
    }
    var transcode = media.getTranscode();
    if (transcode != null && transcode.getScratchSize() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("transcode")
              .withNewEmptyDir()
              .withSizeLimit(new Quantity(transcode.getScratchSize()))
              .endEmptyDir()
              .build());
      mounts.add(mount("transcode", TranscodeSpec.SCRATCH_MOUNT_PATH, false));
    }
    if (transcode != null && transcode.getDevices() != null) {
      for (int i = 0; i < transcode.getDevices().size(); i++) {
        String device = transcode.getDevices().get(i);
        String volume = "device-" + i;
        volumes.add(
            new VolumeBuilder()
                .withName(volume)
                .withNewHostPath()
                .withPath(device)
                .endHostPath()
                .build());
        mounts.add(mount(volume, device, false));
      }
    }
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly ? true : null)
        .build();
  }

  private static List<ContainerPort> ports(EffectiveService service) {
    return service.ports().stream()
        .map(
            p ->
                new ContainerPortBuilder()
                    .withName(p.getName())
                    .withContainerPort(p.getPort())
                    .withProtocol(
                        p.getProtocol() == null ? SchemaDefaults.PROTOCOL : p.getProtocol().value())
                    .build())
        .toList();
  }
}
