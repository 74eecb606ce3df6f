package io.stackpilot.validation;

import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.ValidationStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything validation found in one spec: all errors and all warnings, so that a user fixes them
 * in one round instead of one per apply. Errors stop the spec from being applied; warnings do not.
 */
public record ValidationReport(List<Finding> errors, List<Finding> warnings) {

  public ValidationReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /**
   * The same report with more errors, found after the checks (e.g. the API server refusing what the
   * spec renders to).
   */
  public ValidationReport withErrors(List<Finding> more) {
    List<Finding> all = new ArrayList<>(errors);
    all.addAll(more);
    return new ValidationReport(all, warnings);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * The report as {@code status.validation}. Empty lists rather than absent ones, so that a status
   * written after a fix visibly clears the problems of the previous spec.
   */
  public ValidationStatus toStatus() {
    ValidationStatus status = new ValidationStatus();
    status.setErrors(errors.stream().map(ValidationReport::toMessage).toList());
    status.setWarnings(warnings.stream().map(ValidationReport::toMessage).toList());
    return status;
  }

  private static ValidationMessage toMessage(Finding finding) {
    ValidationMessage message = new ValidationMessage();
    message.setField(finding.field());
    message.setMessage(finding.message());
    return message;
  }
}
