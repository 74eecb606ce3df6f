package io.stackpilot.validation;

import io.stackpilot.api.CapabilitiesSpec;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.ExtraContainer;
import io.stackpilot.api.ExtraVolume;
import io.stackpilot.api.ImageReference;
import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeMountSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The extra volumes and containers of a service: every mount names a volume the pod has, container
 * names are unique in the pod, a channel's containerImages name containers that exist, nothing
 * literal and secret sits in a container's env, and the security profile allows what each volume
 * and container asks for. The API server would refuse each of these in the Deployment, after the
 * fact and far from the field; here they are said on the field, before anything is applied.
 */
final class PodAdditionsChecks {

  private static final Pattern IMAGE = Pattern.compile(ImageReference.PATTERN);

  private PodAdditionsChecks() {}

  /** What the service alone decides. */
  static void check(StackService service, Findings findings) {
    ServiceSpec spec = service.serviceSpec();
    Set<String> storage = new HashSet<>();
    Nulls.list(spec.getStorage()).stream().map(StorageSpec::getName).forEach(storage::add);
    Set<String> volumes = new HashSet<>();
    List<ExtraVolume> extra = Nulls.list(spec.getVolumes());
    for (int i = 0; i < extra.size(); i++) {
      String name = extra.get(i).getName();
      volumes.add(name);
      if (storage.contains(name)) {
        findings.error(
            "spec.volumes[" + i + "].name",
            "spec.volumes["
                + i
                + "].name is "
                + name
                + ", which spec.storage also names: a mount could not tell them apart; rename one");
      }
      if (extra.get(i).getEmptyDir() != null) {
        QuantityChecks.quantity(
            "spec.volumes[" + i + "].emptyDir.sizeLimit",
            extra.get(i).getEmptyDir().getSizeLimit(),
            findings);
      }
    }
    mountsNameVolumes("spec.volumeMounts", spec.getVolumeMounts(), volumes, storage, findings);

    Set<String> containerNames = new HashSet<>();
    containerNames.add(service.getMetadata().getName());
    containers(
        "spec.initContainers",
        spec.getInitContainers(),
        containerNames,
        volumes,
        storage,
        findings);
    containers("spec.containers", spec.getContainers(), containerNames, volumes, storage, findings);
    if (spec.getChannels() != null) {
      channelImages(
          "spec.channels.stable",
          spec.getChannels().getStable(),
          containerNames,
          service,
          findings);
      channelImages(
          "spec.channels.beta", spec.getChannels().getBeta(), containerNames, service, findings);
    }
  }

  private static void containers(
      String field,
      List<ExtraContainer> declared,
      Set<String> containerNames,
      Set<String> volumes,
      Set<String> storage,
      Findings findings) {
    List<ExtraContainer> list = Nulls.list(declared);
    for (int i = 0; i < list.size(); i++) {
      ExtraContainer container = list.get(i);
      String at = field + "[" + i + "]";
      if (container.getName() != null && !containerNames.add(container.getName())) {
        findings.error(
            at + ".name",
            at
                + ".name is "
                + container.getName()
                + ", which another container of the pod has (the app's container is named after"
                + " the service): choose another name");
      }
      mountsNameVolumes(
          at + ".volumeMounts", container.getVolumeMounts(), volumes, storage, findings);
      LiteralSecretChecks.env(at + ".env", container.getEnv(), findings);
      QuantityChecks.env(at + ".env", container.getEnv(), findings);
      QuantityChecks.resources(at + ".resources", container.getResources(), findings);
    }
  }

  private static void mountsNameVolumes(
      String field,
      List<VolumeMountSpec> mounts,
      Set<String> volumes,
      Set<String> storage,
      Findings findings) {
    List<VolumeMountSpec> list = Nulls.list(mounts);
    for (int i = 0; i < list.size(); i++) {
      String name = list.get(i).getName();
      if (name != null && !volumes.contains(name) && !storage.contains(name)) {
        findings.error(
            field + "[" + i + "].name",
            field
                + "["
                + i
                + "].name is "
                + name
                + ", which is neither in spec.volumes nor in spec.storage: add the volume, or"
                + " name one of "
                + known(volumes, storage));
      }
    }
  }

  private static String known(Set<String> volumes, Set<String> storage) {
    Set<String> all = new TreeSet<>(volumes);
    all.addAll(storage);
    return all.isEmpty() ? "them (the service has no volumes yet)" : String.join(", ", all);
  }

  private static void channelImages(
      String field,
      ChannelSpec channel,
      Set<String> containerNames,
      StackService service,
      Findings findings) {
    if (channel == null || channel.getContainerImages() == null) {
      return;
    }
    for (Map.Entry<String, String> entry : channel.getContainerImages().entrySet()) {
      String at = field + ".containerImages." + entry.getKey();
      if (entry.getKey().equals(service.getMetadata().getName())
          || !containerNames.contains(entry.getKey())) {
        findings.error(
            at,
            at
                + " names no container of spec.initContainers or spec.containers (the app's own"
                + " image is "
                + field
                + ".image): fix the name or remove the entry");
      }
      if (entry.getValue() == null || !IMAGE.matcher(entry.getValue()).matches()) {
        findings.error(
            at,
            at
                + " is not an image reference: write it as repository:tag or repository@sha256:digest");
      }
    }
  }

  /** What the security profile, the service's or its stack's, allows. */
  static void checkProfile(ServiceSpec spec, StackLayer stack, Findings findings) {
    List<ExtraVolume> volumes = Nulls.list(spec.getVolumes());
    boolean anyContainer =
        !Nulls.list(spec.getInitContainers()).isEmpty()
            || !Nulls.list(spec.getContainers()).isEmpty();
    if (volumes.isEmpty() && !anyContainer) {
      return;
    }
    Optional<Setting<SecurityProfile>> profile = stack.securityProfile(spec);
    if (profile.isEmpty()) {
      return;
    }
    SecurityProfile level = profile.get().value();
    String setBy = " (set by " + profile.get().source() + ")";
    String runs = " (securityProfile " + level.value() + ", set by " + profile.get().source() + ")";
    for (int i = 0; i < volumes.size(); i++) {
      ExtraVolume volume = volumes.get(i);
      if (volume.getHostPath() != null && level != SecurityProfile.PRIVILEGED) {
        findings.error(
            "spec.volumes[" + i + "].hostPath",
            "spec.volumes["
                + i
                + "].hostPath mounts a path of the node, which Pod Security allows only at the"
                + " privileged level, but the service runs"
                + runs
                + ": set spec.securityProfile: Privileged, or use nfs or a storage claim instead");
      }
      if (volume.getNfs() != null && level == SecurityProfile.RESTRICTED) {
        findings.error(
            "spec.volumes[" + i + "].nfs",
            "spec.volumes["
                + i
                + "].nfs mounts an NFS share, which Pod Security's restricted level does not"
                + " allow, and the service runs"
                + runs
                + ": set spec.securityProfile: Baseline (or StartsAsRoot), or mount the share"
                + " through a PersistentVolume and name its claim in spec.storage[].existingClaim");
      }
    }
    containerProfiles(
        "spec.initContainers", spec.getInitContainers(), level, runs, setBy, findings);
    containerProfiles("spec.containers", spec.getContainers(), level, runs, setBy, findings);
  }

  private static void containerProfiles(
      String field,
      List<ExtraContainer> declared,
      SecurityProfile level,
      String runs,
      String setBy,
      Findings findings) {
    List<ExtraContainer> list = Nulls.list(declared);
    for (int i = 0; i < list.size(); i++) {
      String at = field + "[" + i + "].securityContext";
      Optional<SecurityContextSpec> context = Optional.ofNullable(list.get(i).getSecurityContext());
      if (level == SecurityProfile.RESTRICTED) {
        if (context.map(SecurityContextSpec::getRunAsUser).filter(uid -> uid == 0L).isPresent()) {
          findings.error(
              at + ".runAsUser",
              at
                  + ".runAsUser is 0, root, which Restricted forbids"
                  + runs
                  + ": give a non-zero uid, or choose another spec.securityProfile");
        }
        if (context
            .map(SecurityContextSpec::getRunAsNonRoot)
            .filter(nonRoot -> !nonRoot)
            .isPresent()) {
          findings.error(
              at + ".runAsNonRoot",
              at
                  + ".runAsNonRoot is false, which Restricted forbids"
                  + runs
                  + ": remove it, or choose another spec.securityProfile");
        }
      }
      List<String> added =
          context
              .map(SecurityContextSpec::getCapabilities)
              .map(CapabilitiesSpec::getAdd)
              .orElse(List.of());
      SecurityContextCheck.capabilities(
          at + ".capabilities.add", added, "the container", level, setBy, findings);
    }
  }
}
