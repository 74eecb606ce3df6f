package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.CRASHING_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Revisions.GOOD_IMAGE;
import static io.stackpilot.lifecycle.Revisions.UNPULLABLE;
import static io.stackpilot.lifecycle.Revisions.UNPULLABLE_IMAGE;
import static io.stackpilot.lifecycle.Scenarios.FAILURE_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationStatus;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The status a service reports while recovery works on it or has given up, as Argo CD and Flux read
 * it: after a rollback the service serves (Available) but is not what Git asks for (not Ready) and
 * will not get there by itself (Stalled); while recovery still tries, it is Reconciling and not
 * Stalled.
 */
class RecoveryStatusTest {

  private static final long GENERATION = 4;

  @Test
  void rolledBackServiceIsAvailableButNotReadyAndStalled() {
    ServiceUnderRecovery service = Scenarios.rolledBack();

    ServiceStatus status =
        statusOf(service, service.afterSeconds(10).decide(), serving(GOOD, GOOD_IMAGE));

    assertThat(status.getPhase()).isEqualTo("RolledBack");
    assertThat(status.getRevision()).isEqualTo(GOOD);
    assertThat(status.getImage()).isEqualTo(GOOD_IMAGE);
    assertThat(status.getDesiredRevision()).isEqualTo(CRASHING);
    assertThat(status.getLastHealthyRevision()).isEqualTo(GOOD);
    assertThat(status.getRecovery().getState()).isEqualTo("RolledBack");
    assertThat(status.getQuarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(CRASHING);
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("RolledBack");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.STALLED).getReason()).isEqualTo("RolledBack");
  }

  @Test
  void rolledBackMessageNamesTheQuarantinedRevisionItsImageAndHowToRetryIt() {
    ServiceUnderRecovery service = Scenarios.rolledBack();

    ServiceStatus status =
        statusOf(service, service.afterSeconds(10).decide(), serving(GOOD, GOOD_IMAGE));

    assertThat(condition(status, ConditionType.STALLED).getMessage())
        .contains(CRASHING)
        .contains(CRASHING_IMAGE)
        .contains("CrashLoopBackOff")
        .contains(GOOD)
        .contains("stackpilot.io/retry=" + CRASHING);
    assertThat(condition(status, ConditionType.READY).getMessage())
        .isEqualTo(condition(status, ConditionType.STALLED).getMessage());
  }

  @Test
  void rolledBackMessageNamesTheRevisionTheSpecAsksForWhenSeveralAreQuarantined() {
    // CRASHING failed, then UNPULLABLE failed; the spec is then reverted to CRASHING. The service
    // is stalled on CRASHING, and retrying UNPULLABLE would not help: the message must name
    // CRASHING.
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(60).wants(UNPULLABLE, UNPULLABLE_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(5).becomes(Health.failing("ImagePullBackOff")).decide();
    service.after(FAILURE_WINDOW).decide();
    service.goesLive().afterSeconds(20).becomes(Health.healthy()).decide();
    service.afterSeconds(60).wants(CRASHING, CRASHING_IMAGE);

    RecoveryDecision decision = service.decide();
    ServiceStatus status = statusOf(service, decision, serving(GOOD, GOOD_IMAGE));

    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .as("precondition")
        .containsExactly(UNPULLABLE, CRASHING);
    assertThat(status.getPhase()).isEqualTo("RolledBack");
    assertThat(condition(status, ConditionType.STALLED).getMessage())
        .contains(CRASHING_IMAGE)
        .contains("stackpilot.io/retry=" + CRASHING)
        .doesNotContain(UNPULLABLE);
  }

  @Test
  void rolledBackWhileTheFallbackStartsIsNotYetAvailable() {
    ServiceUnderRecovery service = Scenarios.rollbackJustRecorded();

    ServiceStatus status =
        statusOf(service, service.goesLive().afterSeconds(5).decide(), starting(GOOD, GOOD_IMAGE));

    assertThat(status.getPhase()).isEqualTo("RolledBack");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.STALLED).getReason()).isEqualTo("RolledBack");
  }

  @Test
  void firstRevisionThatNeverBecameHealthyIsDegradedWithNoHealthyRevision() {
    ServiceUnderRecovery service = Scenarios.degradedWithoutHealthyRevision();

    ServiceStatus status =
        statusOf(service, service.afterSeconds(10).decide(), starting(CRASHING, CRASHING_IMAGE));

    assertThat(status.getPhase()).isEqualTo("Degraded");
    assertThat(status.getLastHealthyRevision()).isNull();
    assertThat(status.getQuarantine())
        .as("nothing quarantined: status carries no empty list")
        .isNull();
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("NoHealthyRevision");
    assertThat(condition(status, ConditionType.AVAILABLE).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
    Condition stalled = condition(status, ConditionType.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("NoHealthyRevision");
    assertThat(stalled.getMessage())
        .contains(CRASHING)
        .contains("CrashLoopBackOff")
        .contains("never became healthy");
  }

  @Test
  void spentRestartBudgetIsDegradedWithRestartBudgetSpent() {
    ServiceUnderRecovery service = Scenarios.degradedWithRestartBudgetSpent();

    ServiceStatus status =
        statusOf(service, service.afterSeconds(10).decide(), starting(GOOD, GOOD_IMAGE));

    assertThat(status.getPhase()).isEqualTo("Degraded");
    assertThat(status.getLastHealthyRevision()).isEqualTo(GOOD);
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("RestartBudgetSpent");
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("False");
    Condition stalled = condition(status, ConditionType.STALLED);
    assertThat(stalled.getStatus()).isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("RestartBudgetSpent");
    assertThat(stalled.getMessage())
        .contains(GOOD)
        .contains("1 restart(s)")
        .contains("budget is spent");
  }

  @Test
  void restartsOfAnEarlierIncidentAreNotBlamedForALaterDegradedRevision() {
    // GOOD was restarted once and recovered; hours later an upgrade fails and GOOD cannot be
    // restored. The upgrade never had a restart budget to spend.
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).becomes(Health.failing("CrashLoopBackOff"));
    service.decide();
    service.after(FAILURE_WINDOW).decide();
    service.afterSeconds(20).becomes(Health.healthy()).decide();
    service.after(Duration.ofHours(2)).wants(CRASHING, CRASHING_IMAGE).decide();
    service.goesLive().afterSeconds(5).becomes(Health.failing("CrashLoopBackOff")).decide();
    RecoveryDecision decision = service.forgetsHistoryOf(GOOD).after(FAILURE_WINDOW).decide();

    ServiceStatus status = statusOf(service, decision, starting(CRASHING, CRASHING_IMAGE));

    assertThat(decision.state().state()).as("precondition").isEqualTo(State.DEGRADED);
    assertThat(condition(status, ConditionType.STALLED).getReason())
        .isNotEqualTo("RestartBudgetSpent");
    assertThat(condition(status, ConditionType.STALLED).getMessage()).doesNotContain("restart");
  }

  @Test
  void failingServiceIsStillReconcilingAndNotStalled() {
    ServiceUnderRecovery service = Scenarios.failingUpgrade();
    RecoveryDecision decision = service.afterSeconds(10).decide();

    ServiceStatus status = statusOf(service, decision, starting(CRASHING, CRASHING_IMAGE));

    assertThat(decision.state().state()).as("precondition").isEqualTo(State.FAILING);
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.RECONCILING).getReason()).isEqualTo("Failing");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("Failing");
    assertThat(condition(status, ConditionType.READY).getMessage())
        .contains(CRASHING)
        .contains("CrashLoopBackOff");
  }

  @Test
  void restartingServiceIsStillReconcilingAndNotStalled() {
    ServiceUnderRecovery service = Scenarios.restarting();
    RecoveryDecision decision = service.afterSeconds(1).decide();

    ServiceStatus status = statusOf(service, decision, starting(GOOD, GOOD_IMAGE));

    assertThat(decision.state().state()).as("precondition").isEqualTo(State.RESTARTING);
    assertThat(condition(status, ConditionType.RECONCILING).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.RECONCILING).getReason()).isEqualTo("Restarting");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.READY).getReason()).isEqualTo("Restarting");
  }

  @Test
  void healthyDecisionGivesTheUsualReadyStatus() {
    ServiceUnderRecovery service = Scenarios.healthy();

    ServiceStatus status =
        statusOf(service, service.afterSeconds(10).decide(), serving(GOOD, GOOD_IMAGE));

    assertThat(status.getPhase()).isEqualTo("Healthy");
    assertThat(condition(status, ConditionType.READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.STALLED).getStatus()).isEqualTo("False");
    assertThat(status.getRecovery().getState()).isEqualTo("Healthy");
  }

  @Test
  void rolledBackStatusIsStableAcrossResyncs() {
    ServiceUnderRecovery service = Scenarios.rolledBack();
    ServiceStatus first =
        statusOf(service, service.afterSeconds(10).decide(), serving(GOOD, GOOD_IMAGE), null);

    ServiceStatus second =
        statusOf(service, service.afterSeconds(600).decide(), serving(GOOD, GOOD_IMAGE), first);

    assertThat(second.getConditions()).isEqualTo(first.getConditions());
    assertThat(second.getRecovery()).usingRecursiveComparison().isEqualTo(first.getRecovery());
    assertThat(second.getQuarantine())
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(first.getQuarantine());
  }

  private static ServiceStatus statusOf(
      ServiceUnderRecovery service, RecoveryDecision decision, DeploymentObservation deployment) {
    return statusOf(service, decision, deployment, null);
  }

  private static ServiceStatus statusOf(
      ServiceUnderRecovery service,
      RecoveryDecision decision,
      DeploymentObservation deployment,
      ServiceStatus previous) {
    ValidationStatus valid = new ValidationStatus();
    valid.setErrors(List.of());
    valid.setWarnings(List.of());
    return ServiceStatusCalculator.compute(
        new ServiceObservation(
            GENERATION,
            valid,
            Optional.of(service.input().desired()),
            Optional.of(deployment),
            Optional.of(decision),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            previous),
        service.now());
  }

  /** A Deployment of one replica, rolled out and ready. */
  private static DeploymentObservation serving(String revision, String image) {
    return new DeploymentObservation(revision, image, "stable", 3, 3, 1, 1, 1, 1, true, false);
  }

  /** A Deployment of one replica whose pod is not ready. */
  private static DeploymentObservation starting(String revision, String image) {
    return new DeploymentObservation(revision, image, "stable", 3, 3, 1, 1, 0, 0, false, false);
  }

  private static Condition condition(ServiceStatus status, ConditionType type) {
    return Conditions.find(status.getConditions(), type.type()).orElseThrow();
  }
}
