package io.stackpilot.validation;

import io.stackpilot.api.Channel;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a service's stack lays under it, as far as validation needs it: the default channel and the
 * defaults blocks (base, then the service's category). Unknown when the service names a stack that
 * cannot be read (offline, or missing, which is reported by itself), so that checks on inherited
 * values are skipped rather than guessed.
 */
final class StackLayer {

  /** A defaults block of the stack and the field that holds it, e.g. {@code spec.media}. */
  record DefaultsBlock(String field, ServiceDefaults defaults) {}

  private final boolean known;
  private final Optional<ServiceStack> stack;
  private final ServiceKind kind;

  private StackLayer(boolean known, Optional<ServiceStack> stack, ServiceKind kind) {
    this.known = known;
    this.stack = stack;
    this.kind = kind;
  }

  static StackLayer of(StackService service, ClusterFacts facts) {
    ServiceKind kind = service.serviceKind();
    if (Nulls.isBlank(service.serviceSpec().getStack())) {
      return new StackLayer(true, Optional.empty(), kind);
    }
    return facts
        .stack()
        .map(stack -> new StackLayer(true, Optional.of(stack), kind))
        .orElseGet(() -> new StackLayer(false, Optional.empty(), kind));
  }

  /** Whether everything the stack lays under the service is known (also when there is no stack). */
  boolean isKnown() {
    return known;
  }

  /** Which channel the service runs: its own, else the stack's, else stable; empty if unknown. */
  Optional<Setting<Channel>> effectiveChannel(Channel own) {
    if (own != null) {
      return Optional.of(Setting.own(own, "spec.channel"));
    }
    if (!known) {
      return Optional.empty();
    }
    return Optional.of(
        stack
            .map(ServiceStack::getSpec)
            .map(ServiceStackSpec::getChannel)
            .map(channel -> Setting.inherited(channel, stackName() + " spec.channel"))
            .orElse(Setting.builtIn(Channel.STABLE)));
  }

  /**
   * A setting as it takes effect: the service's own value, else the stack's category defaults, else
   * its base, else the built-in default; empty if the stack's part is unknown.
   *
   * @param ownField the field in the service, e.g. {@code spec.securityProfile}
   * @param defaultsField the same field in a defaults block, e.g. {@code securityProfile}
   */
  <T> Optional<Setting<T>> effective(
      T own,
      String ownField,
      Function<ServiceDefaults, T> readDefaults,
      String defaultsField,
      T builtIn) {
    if (own != null) {
      return Optional.of(Setting.own(own, ownField));
    }
    if (!known) {
      return Optional.empty();
    }
    Setting<T> effective = Setting.builtIn(builtIn);
    for (DefaultsBlock block : defaults()) {
      T value = readDefaults.apply(block.defaults());
      if (value != null) {
        effective =
            Setting.inherited(value, stackName() + " " + block.field() + "." + defaultsField);
      }
    }
    return Optional.of(effective);
  }

  /** The security profile the service runs under, with who set it; the default fits its kind. */
  Optional<Setting<SecurityProfile>> securityProfile(ServiceSpec spec) {
    return effective(
        spec.getSecurityProfile(),
        "spec.securityProfile",
        ServiceDefaults::getSecurityProfile,
        "securityProfile",
        SecurityProfile.defaultFor(kind));
  }

  /** The defaults blocks that apply to the service, lowest first: base, then its category. */
  List<DefaultsBlock> defaults() {
    List<DefaultsBlock> blocks = new ArrayList<>();
    stack
        .map(ServiceStack::getSpec)
        .ifPresent(
            spec -> {
              if (spec.getBase() != null) {
                blocks.add(new DefaultsBlock("spec.base", spec.getBase()));
              }
              ServiceDefaults category = categoryDefaults(spec, kind);
              if (category != null) {
                blocks.add(new DefaultsBlock(categoryField(kind), category));
              }
            });
    return blocks;
  }

  /** How messages name the stack, e.g. "ServiceStack home". */
  String stackName() {
    return "ServiceStack " + stack.map(s -> s.getMetadata().getName()).orElse("(unknown)");
  }

  private static String categoryField(ServiceKind kind) {
    return switch (kind) {
      case MEDIA_SERVICE -> "spec.media";
      case SECURITY_SERVICE -> "spec.security";
      case MONITORING_SERVICE -> "spec.monitoring";
    };
  }

  private static ServiceDefaults categoryDefaults(ServiceStackSpec spec, ServiceKind kind) {
    return switch (kind) {
      case MEDIA_SERVICE -> spec.getMedia();
      case SECURITY_SERVICE -> spec.getSecurity();
      case MONITORING_SERVICE -> spec.getMonitoring();
    };
  }
}
