package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.stackpilot.api.SecurityProfile;

/**
 * Security contexts per Pod Security Standards level, so that a Restricted service passes the
 * `restricted` admission level as rendered, and Baseline and Privileged take only what they need.
 */
final class PodSecurity {

  /** The unprivileged user of Restricted pods; most self-hosted images run as 1000 when told to. */
  static final long NON_ROOT_USER = 1000L;

  private PodSecurity() {}

  static PodSecurityContext pod(SecurityProfile profile) {
    return switch (profile) {
      case RESTRICTED ->
          new PodSecurityContextBuilder()
              .withRunAsNonRoot(true)
              .withRunAsUser(NON_ROOT_USER)
              .withRunAsGroup(NON_ROOT_USER)
              .withFsGroup(NON_ROOT_USER)
              .withNewSeccompProfile()
              .withType("RuntimeDefault")
              .endSeccompProfile()
              .build();
      case BASELINE ->
          new PodSecurityContextBuilder()
              .withNewSeccompProfile()
              .withType("RuntimeDefault")
              .endSeccompProfile()
              .build();
      case PRIVILEGED -> new PodSecurityContext();
    };
  }

  static SecurityContext container(SecurityProfile profile, boolean needsDevices) {
    return switch (profile) {
      case RESTRICTED ->
          new SecurityContextBuilder()
              .withAllowPrivilegeEscalation(false)
              .withNewCapabilities()
              .addToDrop("ALL")
              .endCapabilities()
              .withRunAsNonRoot(true)
              .build();
      // Images such as linuxserver's start as root to switch to PUID/PGID, which Baseline allows.
      case BASELINE -> new SecurityContextBuilder().withAllowPrivilegeEscalation(false).build();
      case PRIVILEGED ->
          needsDevices
              ? new SecurityContextBuilder().withPrivileged(true).build()
              : new SecurityContext();
    };
  }
}
