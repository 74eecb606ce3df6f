package io.stackpilot.cli.steering;

import io.stackpilot.steering.SteeringAction;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Make the beta revision live now, without its remaining stages. */
@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    description = "Make the beta revision live now, without its remaining stages.")
public final class PromoteCommand extends SteeringCommand {

  @Mixin RevisionOption revision;

  @Override
  SteeringAction action() {
    return SteeringAction.PROMOTE;
  }

  @Override
  Optional<String> revision() {
    return revision.value();
  }
}
