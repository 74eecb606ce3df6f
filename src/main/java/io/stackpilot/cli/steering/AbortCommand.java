package io.stackpilot.cli.steering;

import io.stackpilot.steering.SteeringAction;
import picocli.CommandLine.Command;

/** Return to stable without blaming beta. */
@Command(
    name = "abort",
    mixinStandardHelpOptions = true,
    description = "Return to stable without blaming beta.")
public final class AbortCommand extends SteeringCommand {

  @Override
  SteeringAction action() {
    return SteeringAction.ABORT;
  }
}
