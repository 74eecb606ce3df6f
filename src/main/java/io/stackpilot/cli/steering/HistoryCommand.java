package io.stackpilot.cli.steering;

import io.stackpilot.api.ServiceStatus;
import picocli.CommandLine.Command;

/** Show the revisions a service has run, newest first. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "Show the revisions a service has run, newest first.")
public final class HistoryCommand extends ReadingCommand {

  @Override
  String report(String name, ServiceStatus status) {
    return StatusReport.history(name, status);
  }
}
