package io.stackpilot.cli.steering;

import io.stackpilot.api.ServiceStatus;
import picocli.CommandLine.Command;

/** Show a service's phase, conditions, rollout, quarantine and volumes. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show a service's phase, conditions, rollout, quarantine and volumes.")
public final class StatusCommand extends ReadingCommand {

  @Override
  String report(String name, ServiceStatus status) {
    return StatusReport.status(name, status);
  }
}
