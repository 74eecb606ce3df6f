package io.stackpilot.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the checks find, in the order they find it, into one report. Messages quote names
 * from the spec, and a spec may hold a name of a megabyte: each field and message is cut to a
 * length that keeps status and Events small, whatever the spec holds.
 */
final class Findings {

  static final int LONGEST_FIELD = 300;
  static final int LONGEST_MESSAGE = 2000;

  private final List<Finding> errors = new ArrayList<>();
  private final List<Finding> warnings = new ArrayList<>();

  void error(String field, String message) {
    errors.add(bounded(field, message));
  }

  void warning(String field, String message) {
    warnings.add(bounded(field, message));
  }

  private static Finding bounded(String field, String message) {
    return new Finding(cut(field, LONGEST_FIELD), cut(message, LONGEST_MESSAGE));
  }

  private static String cut(String text, int length) {
    return text.length() <= length
        ? text
        : text.substring(0, length) + "... (" + text.length() + " characters)";
  }

  ValidationReport report() {
    return new ValidationReport(errors, warnings);
  }
}
