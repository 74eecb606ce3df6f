package io.stackpilot.config;

import io.stackpilot.api.Channel;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import java.util.Optional;

/** Which channel a service runs: its own choice, else its stack's, else stable. */
final class ChannelSelection {

  private ChannelSelection() {}

  static Channel selected(ServiceSpec spec, Optional<ServiceStack> stack) {
    if (spec.getChannel() != null) {
      return spec.getChannel();
    }
    return stackChannel(stack).orElse(BuiltInDefaults.CHANNEL);
  }

  /**
   * The layer that asks for {@code channel}: the highest one that names it, else the built-in
   * default. The caller may layer a channel that was not selected (the stable side of a beta
   * canary): stable is then there because every service has it, which is a built-in rule.
   */
  static Layer chosenBy(Channel channel, ServiceSpec spec, Optional<ServiceStack> stack) {
    if (spec.getChannel() == channel) {
      return Layer.SERVICE;
    }
    if (stackChannel(stack).filter(channel::equals).isPresent()) {
      return Layer.STACK_BASE;
    }
    return Layer.BUILT_IN;
  }

  private static Optional<Channel> stackChannel(Optional<ServiceStack> stack) {
    return stack.map(ServiceStack::getSpec).map(ServiceStackSpec::getChannel);
  }
}
