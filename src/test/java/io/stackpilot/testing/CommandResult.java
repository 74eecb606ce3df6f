package io.stackpilot.testing;

/** What a command-line tool (kubectl, helm, the Stackpilot CLI) printed and how it exited. */
public record CommandResult(String command, int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Fails with everything the command said, so a broken step explains itself. */
  public CommandResult assertSuccess() {
    if (exitCode != 0) {
      throw new AssertionError(describe());
    }
    return this;
  }

  public String describe() {
    return "`"
        + command
        + "` exited "
        + exitCode
        + "\n--- stdout\n"
        + stdout
        + "\n--- stderr\n"
        + stderr;
  }
}
