package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.RecoverySpec;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.TranscodeSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks on settings a service may inherit from its stack: the channel, the security profile, the
 * recovery timing, and which config keys and env names the channel overrides can override. Without
 * a stack they need only the service; with one they need the stack, and skip what is unknown.
 */
final class EffectiveSettingsChecks {

  private static final List<Channel> CHANNELS = List.of(Channel.STABLE, Channel.BETA);

  private EffectiveSettingsChecks() {}

  static void check(StackService service, StackLayer stack, Findings findings) {
    ServiceSpec spec = service.serviceSpec();
    betaChannelHasImage(spec, stack, findings);
    if (service instanceof MediaService media) {
      transcodeDevicesArePrivileged(media, stack, findings);
    }
    recoveryTiming(spec, stack, findings);
    SecurityContextCheck.check(spec, stack, findings);
    PodAdditionsChecks.checkProfile(spec, stack, findings);
    inheritedQuantities(stack, findings);
    if (stack.isKnown()) {
      overridesOverrideSomething(spec, stack, findings);
    }
  }

  /**
   * A malformed quantity in the stack's defaults would end up in this service's Deployment, which
   * the API server refuses: the service cannot roll out until the stack is fixed, so it says so.
   */
  private static void inheritedQuantities(StackLayer stack, Findings findings) {
    Findings inStack = new Findings();
    for (StackLayer.DefaultsBlock block : stack.defaults()) {
      QuantityChecks.resources(
          block.field() + ".resources", block.defaults().getResources(), inStack);
      QuantityChecks.env(block.field() + ".env", block.defaults().getEnv(), inStack);
    }
    for (Finding problem : inStack.report().errors()) {
      findings.error(
          "spec.stack",
          "spec.stack: "
              + stack.stackName()
              + " sets "
              + problem.message()
              + "; this service inherits it: fix the stack");
    }
  }

  private static void betaChannelHasImage(ServiceSpec spec, StackLayer stack, Findings findings) {
    boolean hasBeta = spec.getChannels() != null && spec.getChannels().getBeta() != null;
    stack
        .effectiveChannel(spec.getChannel())
        .filter(channel -> channel.value() == Channel.BETA && !hasBeta)
        .ifPresent(
            channel ->
                findings.error(
                    channel.own() ? "spec.channel" : "spec.channels.beta",
                    "spec.channels.beta is missing, but the service runs channel beta (set by "
                        + channel.source()
                        + "): add spec.channels.beta with an image, or set spec.channel: stable"));
  }

  private static void transcodeDevicesArePrivileged(
      MediaService media, StackLayer stack, Findings findings) {
    List<String> devices =
        Optional.ofNullable(media.getSpec().getMedia())
            .map(MediaSpec::getTranscode)
            .map(TranscodeSpec::getDevices)
            .orElse(List.of());
    if (devices.isEmpty()) {
      return;
    }
    stack
        .securityProfile(media.getSpec())
        .filter(profile -> profile.value() != SecurityProfile.PRIVILEGED)
        .ifPresent(
            profile ->
                findings.error(
                    "spec.media.transcode.devices",
                    "spec.media.transcode.devices mounts host devices, which only securityProfile Privileged allows,"
                        + " but the service runs "
                        + profile.value().value()
                        + " (set by "
                        + profile.source()
                        + "): set spec.securityProfile: Privileged, or remove the devices"));
  }

  private static void recoveryTiming(ServiceSpec spec, StackLayer stack, Findings findings) {
    Optional<RecoverySpec> own = Optional.ofNullable(spec.getRecovery());
    Optional<Setting<String>> failureWindow =
        stack.effective(
            own.map(RecoverySpec::getFailureWindow).orElse(null),
            "spec.recovery.failureWindow",
            fromRecovery(RecoverySpec::getFailureWindow),
            "recovery.failureWindow",
            RecoveryTimingCheck.DEFAULT_FAILURE_WINDOW);
    Optional<Setting<String>> progressDeadline =
        stack.effective(
            own.map(RecoverySpec::getProgressDeadline).orElse(null),
            "spec.recovery.progressDeadline",
            fromRecovery(RecoverySpec::getProgressDeadline),
            "recovery.progressDeadline",
            RecoveryTimingCheck.DEFAULT_PROGRESS_DEADLINE);
    if (failureWindow.isPresent() && progressDeadline.isPresent()) {
      RecoveryTimingCheck.check(failureWindow.get(), progressDeadline.get(), findings);
    }
  }

  private static Function<ServiceDefaults, String> fromRecovery(
      Function<RecoverySpec, String> field) {
    return defaults -> Optional.ofNullable(defaults.getRecovery()).map(field).orElse(null);
  }

  /**
   * A channel override of a key that neither the service nor its stack defines overrides nothing:
   * it adds an entry, which is rarely meant and usually a typo.
   */
  private static void overridesOverrideSomething(
      ServiceSpec spec, StackLayer stack, Findings findings) {
    if (spec.getChannels() == null) {
      return;
    }
    Set<String> configKeys = new HashSet<>(Nulls.map(spec.getConfig()).keySet());
    Set<String> envNames = new HashSet<>(names(spec.getEnv()));
    for (StackLayer.DefaultsBlock block : stack.defaults()) {
      configKeys.addAll(Nulls.map(block.defaults().getConfig()).keySet());
      envNames.addAll(names(block.defaults().getEnv()));
    }
    for (Channel channel : CHANNELS) {
      ChannelSpec overrides =
          channel == Channel.STABLE ? spec.getChannels().getStable() : spec.getChannels().getBeta();
      if (overrides == null) {
        continue;
      }
      String path = "spec.channels." + channel.value();
      for (String key : Nulls.map(overrides.getConfig()).keySet()) {
        if (!configKeys.contains(key)) {
          String field = path + ".config[" + key + "]";
          findings.warning(
              field,
              field
                  + " overrides a key that spec.config does not define (nor the stack's"
                  + " defaults), so it overrides nothing: fix the key if it is a typo, or define it in spec.config");
        }
      }
      List<EnvVar> env = Nulls.list(overrides.getEnv());
      for (int i = 0; i < env.size(); i++) {
        if (!envNames.contains(env.get(i).getName())) {
          String field = path + ".env[" + i + "].name";
          findings.warning(
              field,
              field
                  + " is "
                  + env.get(i).getName()
                  + ", which spec.env does not define (nor"
                  + " the stack's defaults), so it overrides nothing: fix the name if it is a typo, or define it in"
                  + " spec.env");
        }
      }
    }
  }

  private static List<String> names(List<EnvVar> env) {
    return Nulls.list(env).stream().map(EnvVar::getName).toList();
  }
}
