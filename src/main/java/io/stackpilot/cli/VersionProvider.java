package io.stackpilot.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = StackpilotCommand.class.getPackage().getImplementationVersion();
    return new String[] {"stackpilot " + (version == null ? "development" : version)};
  }
}
