package io.stackpilot.cli.steering;

import io.stackpilot.steering.SteeringAction;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Try a quarantined revision once more (default: the newest quarantined). */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = "Try a quarantined revision once more (default: the newest quarantined).")
public final class RetryCommand extends SteeringCommand {

  @Mixin RevisionOption revision;

  @Override
  SteeringAction action() {
    return SteeringAction.RETRY;
  }

  @Override
  Optional<String> revision() {
    return revision.value();
  }
}
