package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.RecoveryStatus;
import io.stackpilot.api.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which first statuses wait, and for how long. */
class FirstStatusHoldTest {

  private static final Instant CREATED = Instant.parse("2026-12-07T06:00:00Z");

  @Test
  void aNewServiceRollingOutWaitsForTheRestOfItsGrace() {
    assertThat(
            FirstStatusHold.remaining(
                new ServiceStatus(), status("Progressing"), CREATED, CREATED.plusSeconds(3)))
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void pastItsGraceTheFirstStatusIsWritten() {
    assertThat(
            FirstStatusHold.remaining(
                new ServiceStatus(), status("Progressing"), CREATED, CREATED.plusSeconds(10)))
        .isEmpty();
    assertThat(
            FirstStatusHold.remaining(
                new ServiceStatus(), status("Progressing"), CREATED, CREATED.plusSeconds(60)))
        .isEmpty();
  }

  @Test
  void aClockBehindTheApiServerHoldsBackNoLongerThanTheGrace() {
    assertThat(
            FirstStatusHold.remaining(
                new ServiceStatus(), status("Progressing"), CREATED, CREATED.minusSeconds(300)))
        .contains(FirstStatusHold.GRACE);
  }

  @Test
  void aNewServiceWhoseDeploymentIsJustAppliedWaitsToo() {
    // The pass that creates the Deployment observed none: its status says Pending.
    assertThat(
            FirstStatusHold.remaining(
                new ServiceStatus(), status("Pending"), CREATED, CREATED.plusSeconds(1)))
        .contains(Duration.ofSeconds(9));
  }

  @Test
  void anythingButRollingOutIsWrittenAtOnce() {
    for (String phase : new String[] {"Healthy", "Invalid", "Degraded", "RolledBack"}) {
      assertThat(
              FirstStatusHold.remaining(
                  new ServiceStatus(), status(phase), CREATED, CREATED.plusSeconds(1)))
          .as(phase)
          .isEmpty();
    }
  }

  @Test
  void aServiceWithAStatusAlreadyIsNeverHeldBack() {
    assertThat(
            FirstStatusHold.remaining(
                status("Healthy"), status("Progressing"), CREATED, CREATED.plusSeconds(1)))
        .isEmpty();
  }

  @Test
  void aFailureBeingWatchedIsWrittenAtOnce() {
    ServiceStatus failing = status("Progressing");
    RecoveryStatus recovery = new RecoveryStatus();
    recovery.setFailureDetectedAt(CREATED.plusSeconds(1).toString());
    failing.setRecovery(recovery);

    assertThat(
            FirstStatusHold.remaining(
                new ServiceStatus(), failing, CREATED, CREATED.plusSeconds(2)))
        .isEmpty();
  }

  private static ServiceStatus status(String phase) {
    ServiceStatus status = new ServiceStatus();
    status.setPhase(phase);
    return status;
  }
}
