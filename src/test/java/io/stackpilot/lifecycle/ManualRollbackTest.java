package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.CRASHING_IMAGE;
import static io.stackpilot.lifecycle.Revisions.FIXED;
import static io.stackpilot.lifecycle.Revisions.FIXED_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Revisions.GOOD_IMAGE;
import static io.stackpilot.lifecycle.Scenarios.CRASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.RollbackPolicy;
import io.stackpilot.config.RecoverySettings;
import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** rollback: Manual reports and alerts, once, but never rolls back or restarts anything. */
class ManualRollbackTest {

  private static final Duration WINDOW = Duration.ofMinutes(2);
  private static final RecoverySettings MANUAL =
      new RecoverySettings(
          RollbackPolicy.MANUAL, WINDOW, Duration.ofMinutes(5), 3, Duration.ofMinutes(30));

  @Test
  void failedUpgradeIsReportedAsDegradedInsteadOfRolledBack() {
    ServiceUnderRecovery service = failingUpgrade();

    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(decision.target()).as("the failing revision stays live").isEqualTo(CRASHING);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.recordFirst()).isFalse();
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
    assertThat(decision.quarantine()).isEmpty();
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
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
                  .contains(CRASH)
                  .contains("Manual");
            });
  }

  @Test
  void healthyRevisionTurningUnhealthyIsReportedAsDegradedInsteadOfRestarted() {
    ServiceUnderRecovery service =
        ServiceUnderRecovery.healthyOn(GOOD, GOOD_IMAGE, MANUAL)
            .afterSeconds(60)
            .becomes(Health.failing("OOMKilled"));
    service.decide();

    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
    assertThat(decision.state().restarts()).isZero();
    assertThat(decision.state().restartedAt()).isEmpty();
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("Degraded");
  }

  @Test
  void manualRecoveryStillWaitsOutTheFailureWindowFirst() {
    ServiceUnderRecovery service = failingUpgrade();

    RecoveryDecision decision = service.afterSeconds(30).decide();

    assertThat(decision.state().state()).isEqualTo(State.FAILING);
    assertThat(decision.notices()).isEmpty();
  }

  @Test
  void reportIsMadeOnceAndNothingIsEverDone() {
    ServiceUnderRecovery service = failingUpgrade();
    service.after(WINDOW).decide();

    for (int reconcile = 0; reconcile < 6; reconcile++) {
      // A crash loop shows as Progressing for a moment between back-offs; that is no new incident.
      service.becomes(reconcile % 2 == 0 ? Health.progressing() : Health.failing(CRASH));
      RecoveryDecision again = service.after(Duration.ofMinutes(10)).decide();

      assertThat(again.action()).isEqualTo(Action.APPLY);
      assertThat(again.target()).isEqualTo(CRASHING);
      assertThat(again.state().state()).isEqualTo(State.DEGRADED);
    }
    assertThat(service.noticesSoFar()).extracting(Notice::reason).containsExactly("Degraded");
  }

  @Test
  void fixForwardStillAppliesAtOnce() {
    ServiceUnderRecovery service = failingUpgrade();
    service.after(WINDOW).decide();

    RecoveryDecision decision = service.afterSeconds(5).wants(FIXED, FIXED_IMAGE).decide();

    assertThat(decision.target()).isEqualTo(FIXED);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.PROGRESSING);
  }

  private static ServiceUnderRecovery failingUpgrade() {
    ServiceUnderRecovery service =
        ServiceUnderRecovery.healthyOn(GOOD, GOOD_IMAGE, MANUAL)
            .afterSeconds(60)
            .wants(CRASHING, CRASHING_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(20).becomes(Health.failing(CRASH)).decide();
    return service;
  }
}
