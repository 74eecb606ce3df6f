package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.ValidationStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

  private static final Finding NO_STACK =
      new Finding("spec.stack", "spec.stack names a missing stack");
  private static final Finding NO_TLS =
      new Finding("spec.expose.tls.secretName", "the TLS Secret is missing");

  @Test
  void isValidWithWarningsOnly() {
    assertThat(new ValidationReport(List.of(), List.of(NO_TLS)).isValid()).isTrue();
  }

  @Test
  void isInvalidWithAnError() {
    assertThat(new ValidationReport(List.of(NO_STACK), List.of()).isValid()).isFalse();
  }

  @Test
  void statusCarriesEveryErrorAndWarningWithFieldAndMessage() {
    ValidationStatus status =
        new ValidationReport(List.of(NO_STACK, NO_TLS), List.of(NO_TLS)).toStatus();

    assertThat(status.getErrors())
        .extracting(ValidationMessage::getField, ValidationMessage::getMessage)
        .containsExactly(
            tuple(NO_STACK.field(), NO_STACK.message()), tuple(NO_TLS.field(), NO_TLS.message()));
    assertThat(status.getWarnings())
        .extracting(ValidationMessage::getField)
        .containsExactly(NO_TLS.field());
  }

  @Test
  void statusOfACleanReportHasEmptyListsThatClearEarlierProblems() {
    ValidationStatus status = new ValidationReport(List.of(), List.of()).toStatus();

    assertThat(status.getErrors()).isNotNull().isEmpty();
    assertThat(status.getWarnings()).isNotNull().isEmpty();
  }

  @Test
  void laterChangesToTheListsItWasBuiltFromDoNotLeakIn() {
    List<Finding> errors = new ArrayList<>(List.of(NO_STACK));
    ValidationReport report = new ValidationReport(errors, List.of());

    errors.clear();

    assertThat(report.errors()).containsExactly(NO_STACK);
  }
}
