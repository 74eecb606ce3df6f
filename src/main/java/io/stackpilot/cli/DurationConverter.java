package io.stackpilot.cli;

import io.stackpilot.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line are written as in specs: 90s, 10m, 1h30m. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return Durations.parse(value);
  }
}
