package io.stackpilot.cli;

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
