package io.stackpilot.cli.steering;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The revision a command acts on, when the user names one. */
final class RevisionOption {

  @Option(names = "--revision", description = "The revision; default: the one status shows.")
  String revision;

  Optional<String> value() {
    return Optional.ofNullable(revision);
  }
}
