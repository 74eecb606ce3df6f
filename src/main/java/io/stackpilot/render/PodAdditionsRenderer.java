package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.stackpilot.api.CapabilitiesSpec;
import io.stackpilot.api.ExtraContainer;
import io.stackpilot.api.ExtraVolume;
import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeMountSpec;
import io.stackpilot.config.ContainerSettings;
import io.stackpilot.config.EffectiveService;
import java.util.List;
import java.util.Optional;

/**
 * The pod's extra volumes and containers. A volume of spec.volumes is named {@code extra-<name>} in
 * the pod, beside {@code storage-<name>} for spec.storage, so that the two lists never collide; a
 * mount names either. Every extra container runs under the service's security profile, with its own
 * uid, gid and capabilities where it sets them, so that a Restricted pod stays Restricted.
 */
final class PodAdditionsRenderer {

  private PodAdditionsRenderer() {}

  static List<Volume> volumes(EffectiveService service) {
    return service.additions().volumes().stream().map(PodAdditionsRenderer::volume).toList();
  }

  /** The app container's mounts of spec.volumeMounts. */
  static List<VolumeMount> appMounts(EffectiveService service) {
    return mounts(service, service.additions().volumeMounts());
  }

  static List<Container> initContainers(EffectiveService service) {
    return service.additions().initContainers().stream()
        .map(container -> container(service, container))
        .toList();
  }

  static List<Container> containers(EffectiveService service) {
    return service.additions().containers().stream()
        .map(container -> container(service, container))
        .toList();
  }

  /**
   * The pod's name of the volume a mount names: spec.volumes first, then spec.storage. Validation
   * has refused a name that is in neither and a name that is in both.
   */
  static String podVolumeName(EffectiveService service, String name) {
    boolean extra = service.additions().volumes().stream().anyMatch(v -> v.getName().equals(name));
    if (extra) {
      return "extra-" + name;
    }
    boolean storage = service.storage().stream().map(StorageSpec::getName).anyMatch(name::equals);
    if (storage) {
      return "storage-" + name;
    }
    throw new IllegalArgumentException(
        "volumeMounts name "
            + name
            + ", which is neither in spec.volumes nor in spec.storage; validation reports this first");
  }

  private static Volume volume(ExtraVolume volume) {
    return new VolumeBuilder()
        .withName("extra-" + volume.getName())
        .withNfs(volume.getNfs())
        .withHostPath(volume.getHostPath())
        .withSecret(volume.getSecret())
        .withConfigMap(volume.getConfigMap())
        .withEmptyDir(volume.getEmptyDir())
        .build();
  }

  private static List<VolumeMount> mounts(EffectiveService service, List<VolumeMountSpec> specs) {
    return specs.stream()
        .map(
            mount ->
                new VolumeMountBuilder()
                    .withName(podVolumeName(service, mount.getName()))
                    .withMountPath(mount.getMountPath())
                    .withSubPath(mount.getSubPath())
                    .withReadOnly(Boolean.TRUE.equals(mount.getReadOnly()) ? true : null)
                    .build())
        .toList();
  }

  private static Container container(EffectiveService service, ExtraContainer spec) {
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(spec.getName())
            .withImage(spec.getImage())
            .withWorkingDir(spec.getWorkingDir())
            .withEnv(spec.getEnv() == null ? List.of() : spec.getEnv())
            .withVolumeMounts(
                mounts(
                    service, spec.getVolumeMounts() == null ? List.of() : spec.getVolumeMounts()))
            .withResources(spec.getResources())
            .withSecurityContext(securityContext(service, spec.getSecurityContext()))
            .withRestartPolicy(spec.getRestartPolicy());
    if (spec.getCommand() != null && !spec.getCommand().isEmpty()) {
      container.withCommand(spec.getCommand());
    }
    if (spec.getArgs() != null && !spec.getArgs().isEmpty()) {
      container.withArgs(spec.getArgs());
    }
    return container.build();
  }

  /**
   * The profile's container context with this container's capabilities (its own when it lists some,
   * else the service's) and its own uid, gid and runAsNonRoot, which override the pod's.
   */
  private static SecurityContext securityContext(
      EffectiveService service, SecurityContextSpec own) {
    Optional<SecurityContextSpec> context = Optional.ofNullable(own);
    ContainerSettings app = service.container();
    List<String> capabilities =
        context
            .map(SecurityContextSpec::getCapabilities)
            .map(CapabilitiesSpec::getAdd)
            .filter(add -> !add.isEmpty())
            .orElse(app.addedCapabilities());
    ContainerSettings settings =
        new ContainerSettings(
            List.of(),
            List.of(),
            Optional.empty(),
            app.runAsUser(),
            app.runAsGroup(),
            context.map(SecurityContextSpec::getRunAsNonRoot).or(app::runAsNonRoot),
            app.fsGroup(),
            app.supplementalGroups(),
            capabilities);
    SecurityContextBuilder built =
        new SecurityContextBuilder(
            PodSecurity.container(service.securityProfile(), false, settings));
    context.map(SecurityContextSpec::getRunAsUser).ifPresent(built::withRunAsUser);
    context.map(SecurityContextSpec::getRunAsGroup).ifPresent(built::withRunAsGroup);
    return built.build();
  }
}
