package io.stackpilot.cli;

import io.stackpilot.cli.steering.AbortCommand;
import io.stackpilot.cli.steering.HistoryCommand;
import io.stackpilot.cli.steering.PauseCommand;
import io.stackpilot.cli.steering.PromoteCommand;
import io.stackpilot.cli.steering.ResumeCommand;
import io.stackpilot.cli.steering.RetryCommand;
import io.stackpilot.cli.steering.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one entry point: the operator and the offline tools. */
@Command(
    name = "stackpilot",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs a self-hosted service stack on Kubernetes from custom resources.",
    subcommands = {
      RunCommand.class,
      ValidateCommand.class,
      RenderCommand.class,
      StatusCommand.class,
      HistoryCommand.class,
      RetryCommand.class,
      PromoteCommand.class,
      PauseCommand.class,
      ResumeCommand.class,
      AbortCommand.class,
      HealthcheckCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class StackpilotCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new StackpilotCommand()).execute(args));
  }
}
