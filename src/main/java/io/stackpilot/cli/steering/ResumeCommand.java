package io.stackpilot.cli.steering;

import io.stackpilot.steering.SteeringAction;
import picocli.CommandLine.Command;

/** Let a paused beta rollout go on. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Let a paused beta rollout go on.")
public final class ResumeCommand extends SteeringCommand {

  @Override
  SteeringAction action() {
    return SteeringAction.RESUME;
  }
}
