package io.stackpilot.lifecycle;

import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.ValidationStatus;
import java.util.List;
import java.util.stream.Collectors;

/** One Event message listing every validation error of a spec, field first. */
public final class ValidationSummary {

  private ValidationSummary() {}

  public static String of(ValidationStatus validation) {
    List<ValidationMessage> errors =
        validation == null || validation.getErrors() == null ? List.of() : validation.getErrors();
    return errors.size()
        + " error(s); the last applied revision keeps serving: "
        + errors.stream()
            .map(e -> e.getField() + ": " + e.getMessage())
            .collect(Collectors.joining("; "));
  }
}
