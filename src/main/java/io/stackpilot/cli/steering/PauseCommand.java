package io.stackpilot.cli.steering;

import io.stackpilot.steering.SteeringAction;
import picocli.CommandLine.Command;

/** Hold the beta rollout at its current stage. */
@Command(
    name = "pause",
    mixinStandardHelpOptions = true,
    description = "Hold the beta rollout at its current stage.")
public final class PauseCommand extends SteeringCommand {

  @Override
  SteeringAction action() {
    return SteeringAction.PAUSE;
  }
}
