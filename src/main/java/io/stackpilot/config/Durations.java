package io.stackpilot.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in specs: one or more of a number and a unit (ms, s, m, h), e.g. 1h30m. */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("([0-9]+(ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /** Parses a spec duration; throws IllegalArgumentException naming the accepted form. */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration: write a number and a unit (ms, s, m, h), e.g. 90s or 1h30m");
    }
    Duration total = Duration.ZERO;
    Matcher part = PART.matcher(text);
    try {
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total =
            total.plus(
                switch (part.group(2)) {
                  case "ms" -> Duration.ofMillis(amount);
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  default -> Duration.ofHours(amount);
                });
      }
    } catch (ArithmeticException | NumberFormatException tooLong) {
      // The pattern lets any number of digits through; a Duration holds about 292 billion years.
      throw new IllegalArgumentException(
          "'" + text + "' is longer than any duration can be", tooLong);
    }
    return total;
  }

  /**
   * Parses the duration in a spec field; the error names the field, so the user knows what to fix.
   */
  public static Duration parse(String field, String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException notADuration) {
      throw new IllegalArgumentException(field + ": " + notADuration.getMessage(), notADuration);
    }
  }

  /** The shortest spec spelling of a duration, e.g. PT1H30M -> 1h30m. */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    int millis = duration.toMillisPart();
    if (hours > 0) out.append(hours).append('h');
    if (minutes > 0) out.append(minutes).append('m');
    if (seconds > 0) out.append(seconds).append('s');
    if (millis > 0) out.append(millis).append("ms");
    return out.toString();
  }
}
