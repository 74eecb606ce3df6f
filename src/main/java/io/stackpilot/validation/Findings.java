package io.stackpilot.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects what the checks find, in the order they find it, into one report. */
final class Findings {

  private final List<Finding> errors = new ArrayList<>();
  private final List<Finding> warnings = new ArrayList<>();

  void error(String field, String message) {
    errors.add(new Finding(field, message));
  }

  void warning(String field, String message) {
    warnings.add(new Finding(field, message));
  }

  ValidationReport report() {
    return new ValidationReport(errors, warnings);
  }
}
