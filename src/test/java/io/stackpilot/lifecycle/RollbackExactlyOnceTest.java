package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Scenarios.CRASH;
import static io.stackpilot.lifecycle.Scenarios.FAILURE_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * After a rollback the spec still asks for the quarantined revision. Recovery must keep serving the
 * fallback without rolling back again on every reconcile, finish a rollback an earlier operator
 * recorded but did not carry out, and treat a failure of the fallback itself as a restart case.
 */
class RollbackExactlyOnceTest {

  @Test
  void quarantinedDesiredRevisionWithTheFallbackLiveAndHealthyKeepsTheFallbackQuietly() {
    ServiceUnderRecovery service = Scenarios.rolledBack();

    RecoveryDecision decision = service.afterSeconds(60).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.recordFirst()).isFalse();
    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.notices()).isEmpty();
    assertThat(decision.wakeAt()).isEmpty();
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(CRASHING);
  }

  @Test
  void fallbackStillStartingAfterTheRollbackIsRolledBackNotProgressing() {
    ServiceUnderRecovery service = Scenarios.rollbackJustRecorded();

    RecoveryDecision decision = service.goesLive().afterSeconds(5).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.notices()).isEmpty();
  }

  @Test
  void rollbackRecordedButNotCarriedOutIsFinishedWithoutASecondRollback() {
    // The operator recorded the rollback in status and died before it wrote the Deployment; the
    // next one finds the quarantined revision still live.
    ServiceUnderRecovery service = Scenarios.rollbackJustRecorded();

    RecoveryDecision decision = service.afterSeconds(30).decide();

    assertThat(service.input().liveRevision()).as("precondition").contains(CRASHING);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action())
        .as("apply the fallback; the rollback is already recorded")
        .isEqualTo(Action.APPLY);
    assertThat(decision.recordFirst()).isFalse();
    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.notices()).as("no second RolledBack event, alert or metric").isEmpty();
    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(CRASHING);
  }

  @Test
  void rollbackIsAnnouncedExactlyOnceHoweverManyReconcilesSeeTheOldDeployment() {
    ServiceUnderRecovery service = Scenarios.rollbackJustRecorded();

    for (int reconcile = 0; reconcile < 4; reconcile++) {
      RecoveryDecision stale = service.afterSeconds(5).decide();
      assertThat(stale.action()).isEqualTo(Action.APPLY);
      assertThat(stale.target()).isEqualTo(GOOD);
    }
    service.goesLive().afterSeconds(5).decide();
    service.afterSeconds(20).becomes(Health.healthy()).decide();
    service.afterSeconds(60).decide();

    assertThat(service.noticesSoFar("RolledBack")).isEqualTo(1);
    assertThat(service.input().quarantine()).hasSize(1);
  }

  @Test
  void rollbackFinishedByALaterReconcileStillReportsTheRecovery() {
    // Recovery time is measured from the first failure, however the rollback reached the cluster.
    ServiceUnderRecovery service = Scenarios.failingUpgrade();
    var detectedAt = service.state().failureDetectedAt().orElseThrow();
    service.after(FAILURE_WINDOW).decide();
    service.afterSeconds(3).decide();

    service.goesLive().afterSeconds(10).decide();
    RecoveryDecision decision = service.afterSeconds(20).becomes(Health.healthy()).decide();

    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Recovered");
              assertThat(notice.recoveryTime())
                  .contains(Duration.between(detectedAt, service.now()));
            });
  }

  @Test
  void fallbackThatFailsItselfIsRestartedNotRolledBackAgain() {
    // GOOD was healthy before; if it now crashes, something outside the spec broke it (a database
    // down, a full disk). Rolling back further would not help; restarting might.
    ServiceUnderRecovery service = Scenarios.rollbackJustRecorded();
    service.goesLive().afterSeconds(10).becomes(Health.failing(CRASH));
    RecoveryDecision withinWindow = service.decide();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(withinWindow.action()).isEqualTo(Action.APPLY);
    assertThat(withinWindow.state().state()).isEqualTo(State.FAILING);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.RESTART);
    assertThat(decision.quarantine())
        .as("the fallback is never quarantined")
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(CRASHING);
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("Restarted");
    assertThat(decision.state().restartedRevision()).contains(GOOD);
    assertThat(service.noticesSoFar("RolledBack")).isEqualTo(1);
  }

  @Test
  void fallbackThatFailsLongAfterTheRollbackIsRestartedToo() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().after(Duration.ofHours(3)).becomes(Health.failing("OOMKilled"));
    service.decide();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.RESTART);
    assertThat(decision.state().failureReason()).contains("OOMKilled");
  }

  @Test
  void restartedFallbackThatRecoversStaysRolledBackWithARecoveredNotice() {
    // The spec still asks for the quarantined revision: the service is still Stalled on it.
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(600).becomes(Health.failing(CRASH));
    service.decide();
    service.after(FAILURE_WINDOW).decide();

    RecoveryDecision decision = service.afterSeconds(30).becomes(Health.healthy()).decide();

    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("Recovered");
  }

  @Test
  void quarantinedRevisionStillLiveWithNoFallbackLeftIsDegraded() {
    // The rollback was recorded, then the fallback's record was lost before it could be applied.
    ServiceUnderRecovery service = Scenarios.rollbackJustRecorded().forgetsHistoryOf(GOOD);

    RecoveryDecision decision = service.afterSeconds(5).decide();

    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
  }
}
