package io.stackpilot.validation;

import io.stackpilot.api.CapabilitiesSpec;
import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.ServiceSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The identity a service asks for must fit the security profile it runs under, whichever of the
 * service and its stack set each: Restricted never runs as root, and each profile adds only the
 * capabilities Pod Security allows at its level. Refused here, it is said on the field; rendered,
 * the namespace's Pod Security admission would refuse the pods, and the rollout would stall with
 * the reason only in the ReplicaSet's events.
 */
final class SecurityContextCheck {

  /** Pod Security's baseline level: the capabilities a container may add. */
  static final Set<String> BASELINE_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  private static final Pattern CAPABILITY = Pattern.compile("(?!CAP_)[A-Z][A-Z_]{0,63}");

  private SecurityContextCheck() {}

  static void check(ServiceSpec spec, StackLayer stack, Findings findings) {
    Optional<Setting<SecurityProfile>> profile = stack.securityProfile(spec);
    if (profile.isEmpty()) {
      return;
    }
    SecurityProfile level = profile.get().value();
    Optional<SecurityContextSpec> own = Optional.ofNullable(spec.getSecurityContext());
    if (level == SecurityProfile.RESTRICTED) {
      effective(own, stack, SecurityContextSpec::getRunAsUser, "runAsUser")
          .filter(uid -> uid.value() == 0L)
          .ifPresent(
              uid ->
                  findings.error(
                      "spec.securityContext.runAsUser",
                      "spec.securityContext.runAsUser is 0, root (set by "
                          + uid.source()
                          + "), which securityProfile Restricted (set by "
                          + profile.get().source()
                          + ") forbids: give a non-zero uid, or set spec.securityProfile:"
                          + " StartsAsRoot for an image that starts as root and drops to its user"));
      effective(own, stack, SecurityContextSpec::getRunAsNonRoot, "runAsNonRoot")
          .filter(nonRoot -> !nonRoot.value())
          .ifPresent(
              nonRoot ->
                  findings.error(
                      "spec.securityContext.runAsNonRoot",
                      "spec.securityContext.runAsNonRoot is false (set by "
                          + nonRoot.source()
                          + "), which securityProfile Restricted (set by "
                          + profile.get().source()
                          + ") forbids: remove it, or choose another securityProfile"));
    }
    effective(
            own,
            stack,
            context ->
                Optional.ofNullable(context.getCapabilities())
                    .map(CapabilitiesSpec::getAdd)
                    .filter(add -> !add.isEmpty())
                    .orElse(null),
            "capabilities.add")
        .ifPresent(
            added ->
                capabilities(
                    "spec.securityContext.capabilities.add",
                    added.value(),
                    added.source(),
                    level,
                    " (set by " + profile.get().source() + ")",
                    findings));
  }

  /**
   * Added capabilities must be capability names that the profile allows.
   *
   * @param source who set them, e.g. the stack's defaults
   * @param runs the profile and who set it, as the message shows them
   */
  static void capabilities(
      String field,
      List<String> added,
      String source,
      SecurityProfile level,
      String runs,
      Findings findings) {
    List<String> malformed = added.stream().filter(c -> !CAPABILITY.matcher(c).matches()).toList();
    if (!malformed.isEmpty()) {
      findings.error(
          field,
          field
              + " has "
              + String.join(", ", malformed)
              + " (set by "
              + source
              + "), which is not a capability name: write it in capitals without the"
              + " CAP_ prefix, e.g. NET_BIND_SERVICE");
      return;
    }
    List<String> refused = added.stream().filter(c -> !allowed(level, c)).distinct().toList();
    if (!refused.isEmpty()) {
      findings.error(
          field,
          field
              + " has "
              + String.join(", ", refused)
              + " (set by "
              + source
              + "), which securityProfile "
              + level.value()
              + runs
              + " does not allow: "
              + (level == SecurityProfile.RESTRICTED
                  ? "Restricted adds NET_BIND_SERVICE only; choose Baseline for more"
                  : "Baseline and StartsAsRoot add Pod Security's baseline"
                      + " capabilities only; choose Privileged for more"));
    }
  }

  private static boolean allowed(SecurityProfile level, String capability) {
    return switch (level) {
      case RESTRICTED -> capability.equals("NET_BIND_SERVICE");
      case BASELINE, STARTS_AS_ROOT -> BASELINE_CAPABILITIES.contains(capability);
      case PRIVILEGED -> true;
    };
  }

  private static <T> Optional<Setting<T>> effective(
      Optional<SecurityContextSpec> own,
      StackLayer stack,
      Function<SecurityContextSpec, T> field,
      String name) {
    return stack
        .effective(
            own.map(field).orElse(null),
            "spec.securityContext." + name,
            defaults -> Optional.ofNullable(defaults.getSecurityContext()).map(field).orElse(null),
            "securityContext." + name,
            null)
        .filter(setting -> setting.value() != null);
  }
}
