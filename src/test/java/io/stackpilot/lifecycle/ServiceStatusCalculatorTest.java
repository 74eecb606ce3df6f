package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.ValidationStatus;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.wiring.DependencyGateResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceStatusCalculatorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final DesiredRevision DESIRED =
      new DesiredRevision("rev-new", "stable", "app:2", 1);

  @Test
  void noDeploymentYetIsPendingAndReconciling() {
    ServiceStatus status = compute(valid(), Optional.of(DESIRED), Optional.empty(), null, T0);

    assertThat(status.getPhase()).isEqualTo("Pending");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("False");
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void desiredRevisionRolledOutIsHealthyAndReady() {
    ServiceStatus status =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", true, false)),
            null,
            T0);

    assertThat(status.getPhase()).isEqualTo("Healthy");
    assertThat(status.getRevision()).isEqualTo("rev-new");
    assertThat(status.getLastHealthyRevision()).isEqualTo("rev-new");
    assertThat(status.getReady()).isEqualTo("1/1");
    assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
  }

  @Test
  void olderRevisionStillLiveIsProgressingButAvailable() {
    ServiceStatus previous =
        compute(
            valid(),
            Optional.of(new DesiredRevision("rev-old", "stable", "app:1", 1)),
            Optional.of(deployment("rev-old", true, false)),
            null,
            T0);

    ServiceStatus status =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-old", true, false)),
            previous,
            T1);

    assertThat(status.getPhase()).isEqualTo("Progressing");
    assertThat(status.getDesiredRevision()).isEqualTo("rev-new");
    assertThat(status.getRevision()).isEqualTo("rev-old");
    assertThat(status.getLastHealthyRevision()).isEqualTo("rev-old");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("True");
  }

  @Test
  void progressDeadlineExceededIsDegradedAndStalled() {
    ServiceStatus status =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", false, true)),
            null,
            T0);

    assertThat(status.getPhase()).isEqualTo("Degraded");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.STALLED).getReason())
        .isEqualTo("ProgressDeadlineExceeded");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
  }

  @Test
  void invalidSpecKeepsTheLiveRevisionAndReportsEveryError() {
    ServiceStatus healthy =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", true, false)),
            null,
            T0);
    ValidationStatus invalid =
        validation(
            error("spec.env[0].value", "looks like a secret"),
            error("spec.stack", "no such stack"));

    ServiceStatus status =
        compute(
            invalid,
            Optional.empty(),
            Optional.of(deployment("rev-new", true, false)),
            healthy,
            T1);

    assertThat(status.getPhase()).isEqualTo("Invalid");
    assertThat(status.getDesiredRevision())
        .as("the last desired revision stays")
        .isEqualTo("rev-new");
    assertThat(status.getValidation().getErrors()).hasSize(2);
    Condition configValid = condition(status, ConditionType.CONFIG_VALID);
    assertThat(configValid.getStatus()).isEqualTo("False");
    assertThat(configValid.getMessage()).contains("spec.env[0].value").contains("1 more");
    assertThat(condition(status, ConditionType.STALLED).getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus())
        .as("the running revision still serves")
        .isEqualTo("True");
  }

  @Test
  void sameObservationGivesAnEqualStatusWithTheOriginalTransitionTimes() {
    ServiceStatus first =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", true, false)),
            null,
            T0);
    ServiceStatus second =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", true, false)),
            first,
            T1);

    assertThat(second.getConditions()).isEqualTo(first.getConditions());
    assertThat(condition(second, ConditionType.READY).getLastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void aFlippedConditionGetsANewTransitionTime() {
    ServiceStatus first =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", false, false)),
            null,
            T0);
    ServiceStatus second =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", true, false)),
            first,
            T1);

    assertThat(condition(second, ConditionType.READY).getLastTransitionTime())
        .isEqualTo(T1.toString());
    assertThat(condition(second, ConditionType.CONFIG_VALID).getLastTransitionTime())
        .isEqualTo(T0.toString());
  }

  @Test
  void anUpgradeWaitingForItsSnapshotsIsReconcilingAndTheOldRevisionStillServes() {
    SnapshotGate waiting =
        new SnapshotGate(
            SnapshotGate.Step.WAIT,
            List.of(),
            "Waiting for snapshot config-pre-rev-new",
            Optional.of(T1));

    ServiceStatus status = held(Optional.of(waiting), Optional.empty());

    assertThat(condition(status, ConditionType.RECONCILING))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly(
            "True", SnapshotGate.WAITING_REASON, "Waiting for snapshot config-pre-rev-new");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("False");
  }

  @Test
  void aFailedSnapshotStallsTheUpgrade() {
    SnapshotGate blocked =
        new SnapshotGate(
            SnapshotGate.Step.BLOCKED,
            List.of(),
            "Snapshot config-pre-rev-new failed",
            Optional.empty());

    ServiceStatus status = held(Optional.of(blocked), Optional.empty());

    assertThat(condition(status, ConditionType.STALLED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", SnapshotGate.BLOCKED_REASON, "Snapshot config-pre-rev-new failed");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
  }

  @Test
  void aRevisionWaitingForItsDependenciesSaysWhatItWaitsFor() {
    ServiceStatus status =
        held(Optional.empty(), Optional.of("Waiting for MediaService/prowlarr (Progressing)"));

    assertThat(condition(status, ConditionType.RECONCILING))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly(
            "True", DependencyGateResult.REASON, "Waiting for MediaService/prowlarr (Progressing)");
  }

  @Test
  void volumesAreReportedAndOtherwiseKeptFromBefore() {
    VolumeStatus config = new VolumeStatus();
    config.setName("config");
    ServiceStatus first =
        ServiceStatusCalculator.compute(
            new ServiceObservation(
                3L,
                valid(),
                Optional.of(DESIRED),
                Optional.of(deployment("rev-new", true, false)),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(List.of(config)),
                null),
            T0);
    ServiceStatus second =
        compute(
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-new", true, false)),
            first,
            T1);

    assertThat(first.getVolumes()).containsExactly(config);
    assertThat(second.getVolumes()).containsExactly(config);
  }

  /** The old revision serves while the desired one is held back. */
  private static ServiceStatus held(Optional<SnapshotGate> gate, Optional<String> waitingFor) {
    return ServiceStatusCalculator.compute(
        new ServiceObservation(
            3L,
            valid(),
            Optional.of(DESIRED),
            Optional.of(deployment("rev-old", true, false)),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            gate,
            waitingFor,
            Optional.empty(),
            null),
        T0);
  }

  private static ServiceStatus compute(
      ValidationStatus validation,
      Optional<DesiredRevision> desired,
      Optional<DeploymentObservation> deployment,
      ServiceStatus previous,
      Instant now) {
    return ServiceStatusCalculator.compute(
        new ServiceObservation(
            3L,
            validation,
            desired,
            deployment,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            previous),
        now);
  }

  private static DeploymentObservation deployment(
      String revision, boolean ready, boolean deadlineExceeded) {
    return new DeploymentObservation(
        revision,
        "app:x",
        "stable",
        2,
        2,
        1,
        1,
        ready ? 1 : 0,
        ready ? 1 : 0,
        ready,
        deadlineExceeded);
  }

  private static ValidationStatus valid() {
    return validation();
  }

  private static ValidationStatus validation(ValidationMessage... errors) {
    ValidationStatus status = new ValidationStatus();
    status.setErrors(List.of(errors));
    status.setWarnings(List.of());
    return status;
  }

  private static ValidationMessage error(String field, String message) {
    ValidationMessage m = new ValidationMessage();
    m.setField(field);
    m.setMessage(message);
    return m;
  }

  private static Condition condition(ServiceStatus status, ConditionType type) {
    return Conditions.find(status.getConditions(), type.type()).orElseThrow();
  }
}
