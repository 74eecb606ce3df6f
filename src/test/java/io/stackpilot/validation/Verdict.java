package io.stackpilot.validation;

import io.stackpilot.testing.CommandResult;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an object was accepted, and the fields named by the errors, read from what kubectl or
 * {@code stackpilot validate} printed, so that the two can be compared. The object as a whole (the
 * API server's {@code <nil>}) is the empty field.
 */
record Verdict(boolean accepted, Set<String> fields) {

  private static final Pattern API_SERVER_ERROR =
      Pattern.compile(
          "(?:is invalid: |^\\* )(<nil>|\\S+?): (?:Invalid value|Unsupported value|Required value|Too long|Too many"
              + "|Duplicate value|Forbidden)",
          Pattern.MULTILINE);
  private static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown field \"([^\"]+)\"");

  static Verdict ofKubectl(CommandResult apply) {
    Set<String> fields = new TreeSet<>();
    Matcher error = API_SERVER_ERROR.matcher(apply.stderr());
    while (error.find()) {
      fields.add(error.group(1).equals("<nil>") ? "" : error.group(1));
    }
    Matcher unknown = UNKNOWN_FIELD.matcher(apply.stderr());
    while (unknown.find()) {
      fields.add(unknown.group(1));
    }
    return new Verdict(apply.succeeded(), fields);
  }

  /**
   * Lines are file:kind/name:field: error: ..., or file:kind/name: error: ... for the whole object.
   */
  static Verdict ofValidate(int exitCode, String output, String file) {
    Set<String> fields = new TreeSet<>();
    output
        .lines()
        .filter(line -> line.startsWith(file + ":") && line.contains(": error: "))
        .forEach(
            line -> {
              String head = line.substring(file.length() + 1, line.indexOf(": error: "));
              int colon = head.indexOf(':');
              fields.add(colon < 0 ? "" : head.substring(colon + 1));
            });
    return new Verdict(exitCode == 0, fields);
  }
}
