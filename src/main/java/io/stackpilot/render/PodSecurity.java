package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.config.ContainerSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Security contexts per Pod Security Standards level, so that a Restricted service passes the
 * `restricted` admission level as rendered, and Baseline, StartsAsRoot and Privileged take only
 * what they need. The service's own identity fields (uid, gid, groups, added capabilities) go over
 * the profile's; validation has checked that the profile allows them.
 */
final class PodSecurity {

  /** The unprivileged user of Restricted pods; most self-hosted images run as 1000 when told to. */
  static final long NON_ROOT_USER = 1000L;

  /**
   * What an image that starts as root needs before it drops to its user: to own its volumes (CHOWN,
   * FOWNER, FSETID, DAC_OVERRIDE), to switch user (SETUID, SETGID) and, as the supervisor it then
   * is, to signal its app (KILL). All within Pod Security's baseline.
   */
  static final List<String> STARTS_AS_ROOT_CAPABILITIES =
      List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID");

  private PodSecurity() {}

  static PodSecurityContext pod(SecurityProfile profile, ContainerSettings settings) {
    PodSecurityContextBuilder pod =
        switch (profile) {
          case RESTRICTED ->
              new PodSecurityContextBuilder()
                  .withRunAsNonRoot(true)
                  .withRunAsUser(NON_ROOT_USER)
                  .withRunAsGroup(NON_ROOT_USER)
                  .withFsGroup(NON_ROOT_USER)
                  .withNewSeccompProfile()
                  .withType("RuntimeDefault")
                  .endSeccompProfile();
          case BASELINE ->
              new PodSecurityContextBuilder()
                  .withNewSeccompProfile()
                  .withType("RuntimeDefault")
                  .endSeccompProfile();
          // The volumes go to the group most such images drop to (PGID 1000), so an image that
          // runs as some other user from the start can write them too; the group is changed only
          // where the volume's root does not have it yet, not file by file through a large library
          // at every start.
          case STARTS_AS_ROOT ->
              new PodSecurityContextBuilder()
                  .withFsGroup(NON_ROOT_USER)
                  .withFsGroupChangePolicy("OnRootMismatch")
                  .withNewSeccompProfile()
                  .withType("RuntimeDefault")
                  .endSeccompProfile();
          case PRIVILEGED -> new PodSecurityContextBuilder();
        };
    settings.runAsUser().ifPresent(pod::withRunAsUser);
    settings.runAsGroup().ifPresent(pod::withRunAsGroup);
    settings.runAsNonRoot().ifPresent(pod::withRunAsNonRoot);
    settings.fsGroup().ifPresent(pod::withFsGroup);
    if (!settings.supplementalGroups().isEmpty()) {
      pod.withSupplementalGroups(settings.supplementalGroups());
    }
    return pod.build();
  }

  static SecurityContext container(
      SecurityProfile profile, boolean needsDevices, ContainerSettings settings) {
    List<String> added = settings.addedCapabilities();
    return switch (profile) {
      case RESTRICTED ->
          new SecurityContextBuilder()
              .withAllowPrivilegeEscalation(false)
              .withNewCapabilities()
              .addToDrop("ALL")
              .withAdd(added.isEmpty() ? null : added)
              .endCapabilities()
              .withRunAsNonRoot(settings.runAsNonRoot().orElse(true))
              .build();
      // Images such as linuxserver's start as root to switch to PUID/PGID, which Baseline allows.
      case BASELINE ->
          added.isEmpty()
              ? new SecurityContextBuilder().withAllowPrivilegeEscalation(false).build()
              : new SecurityContextBuilder()
                  .withAllowPrivilegeEscalation(false)
                  .withNewCapabilities()
                  .withAdd(added)
                  .endCapabilities()
                  .build();
      case STARTS_AS_ROOT ->
          new SecurityContextBuilder()
              .withAllowPrivilegeEscalation(false)
              .withNewCapabilities()
              .addToDrop("ALL")
              .withAdd(union(STARTS_AS_ROOT_CAPABILITIES, added))
              .endCapabilities()
              .build();
      case PRIVILEGED ->
          needsDevices
              ? new SecurityContextBuilder().withPrivileged(true).build()
              : added.isEmpty()
                  ? new SecurityContext()
                  : new SecurityContextBuilder()
                      .withNewCapabilities()
                      .withAdd(added)
                      .endCapabilities()
                      .build();
    };
  }

  private static List<String> union(List<String> base, List<String> more) {
    List<String> all = new ArrayList<>(base);
    more.stream().filter(c -> !all.contains(c)).forEach(all::add);
    return all;
  }
}
