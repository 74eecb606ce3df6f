package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.CRASHING_IMAGE;
import static io.stackpilot.lifecycle.Revisions.FIXED;
import static io.stackpilot.lifecycle.Revisions.FIXED_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Revisions.UNPULLABLE;
import static io.stackpilot.lifecycle.Revisions.UNPULLABLE_IMAGE;
import static io.stackpilot.lifecycle.Scenarios.CRASH;
import static io.stackpilot.lifecycle.Scenarios.FAILURE_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A new revision that never becomes healthy within its failure window is rolled back to the last
 * healthy revision and quarantined; with nothing healthy to go back to, the service is Degraded
 * instead, once, without thrashing.
 */
class RollbackTest {

  @Test
  void newRevisionFailingPastItsWindowIsRolledBackToTheLastHealthyRevision() {
    ServiceUnderRecovery service = Scenarios.failingUpgrade();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.ROLL_BACK);
    assertThat(decision.recordFirst()).as("recorded in status before it is carried out").isTrue();
    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.state().lastAction()).contains("RolledBack");
    assertThat(decision.state().lastActionTime()).contains(service.now());
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
    assertThat(decision.wakeAt()).isEmpty();
  }

  @Test
  void rolledBackRevisionIsQuarantinedWithItsImageReasonAndTime() {
    ServiceUnderRecovery service = Scenarios.failingUpgrade();
    Instant rolledBackAt = service.after(FAILURE_WINDOW).now();

    RecoveryDecision decision = service.decide();

    assertThat(decision.quarantine())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.getRevision()).isEqualTo(CRASHING);
              assertThat(entry.getImage()).isEqualTo(CRASHING_IMAGE);
              assertThat(entry.getReason()).isEqualTo(CRASH);
              assertThat(entry.getSince()).isEqualTo(rolledBackAt.toString());
            });
  }

  @Test
  void rollbackIsAnnouncedOnceWithAnAlert() {
    ServiceUnderRecovery service = Scenarios.failingUpgrade();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("RolledBack");
              assertThat(notice.warning()).isTrue();
              assertThat(notice.alert()).contains(AlertEvent.ROLLED_BACK);
              assertThat(notice.recoveryTime()).isEmpty();
              assertThat(notice.message())
                  .contains(CRASHING)
                  .contains(CRASHING_IMAGE)
                  .contains(GOOD)
                  .as("the assessor's words on what is wrong")
                  .contains("CrashLoopBackOff in pod(s)");
            });
  }

  @Test
  void quarantineReasonIsTheFailureSeenWhenTheWindowEnds() {
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).wants(UNPULLABLE, UNPULLABLE_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(5).becomes(Health.failing("ErrImagePull")).decide();
    service.afterSeconds(30).becomes(Health.failing("ImagePullBackOff")).decide();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.action()).isEqualTo(Action.ROLL_BACK);
    assertThat(decision.quarantine())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.getImage()).isEqualTo(UNPULLABLE_IMAGE);
              assertThat(entry.getReason()).isEqualTo("ImagePullBackOff");
            });
  }

  @Test
  void newlyQuarantinedRevisionGoesFirstAndOlderEntriesStay() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(60).wants(UNPULLABLE, UNPULLABLE_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(5).becomes(Health.failing("ImagePullBackOff")).decide();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.action()).isEqualTo(Action.ROLL_BACK);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(UNPULLABLE, CRASHING);
  }

  @Test
  void lastHealthyRevisionMissingFromHistoryCannotBeRestoredSoTheServiceIsDegraded() {
    // Rolling back means applying the old revision exactly; without its record that is impossible.
    ServiceUnderRecovery service = Scenarios.failingUpgrade().forgetsHistoryOf(GOOD);

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.target())
        .as("the failing revision stays; there is nothing to apply instead")
        .isEqualTo(CRASHING);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.recordFirst()).isFalse();
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
    assertThat(decision.quarantine()).as("quarantine only goes with a rollback").isEmpty();
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
    assertThat(decision.wakeAt()).isEmpty();
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Degraded");
              assertThat(notice.warning()).isTrue();
              assertThat(notice.alert()).contains(AlertEvent.DEGRADED);
              assertThat(notice.message())
                  .contains(CRASHING)
                  .contains(CRASHING_IMAGE)
                  .contains("no healthy revision to roll back to");
            });
  }

  @Test
  void firstRevisionThatNeverBecomesHealthyIsDegradedWithoutAnyAction() {
    ServiceUnderRecovery service = ServiceUnderRecovery.created(CRASHING, CRASHING_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(20).becomes(Health.failing(CRASH)).decide();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
    assertThat(decision.state().failureReason()).contains(CRASH);
    assertThat(decision.quarantine()).isEmpty();
    assertThat(decision.lastHealthyRevision()).isEmpty();
    assertThat(decision.wakeAt()).as("nothing to wait for: only a spec change helps").isEmpty();
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Degraded");
              assertThat(notice.alert()).contains(AlertEvent.DEGRADED);
              assertThat(notice.message()).contains(CRASHING).contains("never became healthy");
            });
  }

  @Test
  void degradedServiceIsAnnouncedOnceHoweverOftenItIsReconciled() {
    ServiceUnderRecovery service = Scenarios.degradedWithoutHealthyRevision();

    for (int reconcile = 0; reconcile < 5; reconcile++) {
      RecoveryDecision again = service.afterSeconds(30).decide();

      assertThat(again.notices()).isEmpty();
      assertThat(again.action()).isEqualTo(Action.APPLY);
      assertThat(again.target()).isEqualTo(CRASHING);
      assertThat(again.state().state()).isEqualTo(State.DEGRADED);
    }
    assertThat(service.noticesSoFar("Degraded")).isEqualTo(1);
  }

  @Test
  void degradedServiceStaysDegradedAndQuietWhileItsPodsFlipBetweenCrashingAndStarting() {
    // A crash-looping container runs for a moment between back-offs, and the assessor then says
    // Progressing. That is the same incident, not a new one worth another alert.
    ServiceUnderRecovery service = Scenarios.degradedWithoutHealthyRevision();

    RecoveryDecision starting = service.afterSeconds(10).becomes(Health.progressing()).decide();
    RecoveryDecision crashing = service.afterSeconds(10).becomes(Health.failing(CRASH)).decide();

    assertThat(starting.state().state()).isEqualTo(State.DEGRADED);
    assertThat(crashing.state().state()).isEqualTo(State.DEGRADED);
    assertThat(crashing.notices()).isEmpty();
    assertThat(crashing.action()).isEqualTo(Action.APPLY);
    assertThat(service.noticesSoFar("Degraded")).isEqualTo(1);
  }

  @Test
  void degradedFirstRevisionThatComesGoodAfterAllBecomesHealthy() {
    ServiceUnderRecovery service = Scenarios.degradedWithoutHealthyRevision();

    RecoveryDecision decision = service.afterSeconds(300).becomes(Health.healthy()).decide();

    assertThat(decision.state().state()).isEqualTo(State.HEALTHY);
    assertThat(decision.lastHealthyRevision()).contains(CRASHING);
  }

  @Test
  void secondFailedUpgradeRollsBackToTheSameHealthyRevision() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(60).wants(FIXED, FIXED_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(5).becomes(Health.failing(CRASH)).decide();

    RecoveryDecision decision = service.after(FAILURE_WINDOW).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.ROLL_BACK);
    assertThat(service.noticesSoFar("RolledBack")).isEqualTo(2);
  }
}
