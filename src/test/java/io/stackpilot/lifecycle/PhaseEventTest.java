package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.ValidationStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which phase transitions are told in an Event, and that a rollout is announced once. */
class PhaseEventTest {

  @Test
  void noChangeOfPhaseTellsNothing() {
    assertThat(PhaseEvent.of(status("Progressing", "r2"), status("Progressing", "r2"))).isEmpty();
  }

  @Test
  void aNewRevisionRollingOutIsAnnounced() {
    assertThat(PhaseEvent.of(status("Healthy", "r1"), status("Progressing", "r2")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.warning()).isFalse();
              assertThat(e.reason()).isEqualTo("RollingOut");
              assertThat(e.message()).isEqualTo("Rolling out revision r2");
            });
  }

  @Test
  void theFirstRolloutIsAnnounced() {
    assertThat(PhaseEvent.of(new ServiceStatus(), status("Progressing", "r1")))
        .hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo("RollingOut"));
  }

  @Test
  void aFailingRevisionLookingProgressingBetweenBackOffsIsNotAnnouncedAgain() {
    assertThat(PhaseEvent.of(status("Degraded", "r2"), status("Progressing", "r2"))).isEmpty();
  }

  @Test
  void aFixForwardFromDegradedIsAnnounced() {
    assertThat(PhaseEvent.of(status("Degraded", "r2"), status("Progressing", "r3")))
        .hasValueSatisfying(e -> assertThat(e.message()).contains("r3"));
  }

  @Test
  void healthyNamesTheRevisionAndImage() {
    ServiceStatus healthy = status("Healthy", "r2");
    healthy.setRevision("r2");
    healthy.setImage("app:2");

    assertThat(PhaseEvent.of(status("Progressing", "r2"), healthy))
        .hasValueSatisfying(
            e -> {
              assertThat(e.reason()).isEqualTo("Healthy");
              assertThat(e.message()).isEqualTo("Revision r2 (app:2) is live and ready");
            });
  }

  @Test
  void invalidIsAWarningWithTheValidationSummary() {
    ServiceStatus invalid = status("Invalid", "r1");
    ValidationStatus validation = new ValidationStatus();
    ValidationMessage error = new ValidationMessage();
    error.setField("spec.ports[0].port");
    error.setMessage("must be between 1 and 65535");
    validation.setErrors(List.of(error));
    invalid.setValidation(validation);

    assertThat(PhaseEvent.of(status("Healthy", "r1"), invalid))
        .hasValueSatisfying(
            e -> {
              assertThat(e.warning()).isTrue();
              assertThat(e.reason()).isEqualTo("InvalidSpec");
              assertThat(e.message()).contains("spec.ports[0].port");
            });
  }

  @Test
  void degradedAndRolledBackHaveEventsOfTheirOwnElsewhere() {
    assertThat(PhaseEvent.of(status("Progressing", "r2"), status("Degraded", "r2"))).isEmpty();
    assertThat(PhaseEvent.of(status("Degraded", "r2"), status("RolledBack", "r2"))).isEmpty();
  }

  private static ServiceStatus status(String phase, String desiredRevision) {
    ServiceStatus status = new ServiceStatus();
    status.setPhase(phase);
    status.setDesiredRevision(desiredRevision);
    return status;
  }
}
