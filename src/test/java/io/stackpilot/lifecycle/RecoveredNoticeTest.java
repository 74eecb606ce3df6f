package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Scenarios.CRASH;
import static io.stackpilot.lifecycle.Scenarios.FAILURE_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.AlertEvent;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * When a restart or a rollback worked, recovery says so once, with how long the service was broken,
 * counted from the moment the failure was first seen (that feeds the time-to-recover metric). A
 * failure that went away by itself was not a recovery.
 */
class RecoveredNoticeTest {

  @Test
  void healthyAgainAfterARestartIsAnnouncedWithTheTimeSinceTheFailureWasSeen() {
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).becomes(Health.failing(CRASH));
    Instant failureSeen = service.now();
    service.decide();
    service.after(FAILURE_WINDOW).decide();
    Instant healthyAgain = service.afterSeconds(40).now();

    RecoveryDecision decision = service.becomes(Health.healthy()).decide();

    assertThat(decision.state().state()).isEqualTo(State.HEALTHY);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Recovered");
              assertThat(notice.warning()).isFalse();
              assertThat(notice.alert()).contains(AlertEvent.RECOVERED);
              assertThat(notice.recoveryTime())
                  .contains(Duration.between(failureSeen, healthyAgain));
              assertThat(notice.message())
                  .contains(GOOD)
                  .contains("after the restart")
                  .contains("160 s");
            });
  }

  @Test
  void recoveryTimeCountsFromTheFirstFailureThroughSeveralRestarts() {
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).becomes(Health.failing(CRASH));
    Instant failureSeen = service.now();
    service.decide();
    service.after(FAILURE_WINDOW).decide();
    service.afterSeconds(5).decide();
    service.after(FAILURE_WINDOW).decide();

    RecoveryDecision decision = service.afterSeconds(30).becomes(Health.healthy()).decide();

    assertThat(service.noticesSoFar("Restarted")).as("precondition").isEqualTo(2);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.recoveryTime())
                    .contains(Duration.between(failureSeen, service.now())));
  }

  @Test
  void healthyAgainAfterARollbackIsAnnouncedWithTheTimeSinceTheUpgradeFailed() {
    ServiceUnderRecovery service = Scenarios.failingUpgrade();
    Instant failureSeen = service.state().failureDetectedAt().orElseThrow();
    service.after(FAILURE_WINDOW).decide();
    service.goesLive().afterSeconds(10).decide();

    RecoveryDecision decision = service.afterSeconds(25).becomes(Health.healthy()).decide();

    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Recovered");
              assertThat(notice.alert()).contains(AlertEvent.RECOVERED);
              assertThat(notice.recoveryTime())
                  .contains(Duration.between(failureSeen, service.now()));
              assertThat(notice.message()).contains(GOOD);
            });
  }

  @Test
  void recoveryIsAnnouncedOnce() {
    ServiceUnderRecovery service = Scenarios.rolledBack();

    RecoveryDecision later = service.afterSeconds(60).decide();

    assertThat(later.notices()).isEmpty();
    assertThat(service.noticesSoFar("Recovered")).isEqualTo(1);
    assertThat(later.state().failureDetectedAt()).as("the incident is closed").isEmpty();
  }

  @Test
  void failureThatClearsUpByItselfIsNoRecovery() {
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).becomes(Health.failing(CRASH));
    service.decide();

    RecoveryDecision decision = service.afterSeconds(30).becomes(Health.healthy()).decide();

    assertThat(decision.notices()).isEmpty();
  }

  @Test
  void anActionTakenInAnEarlierIncidentDoesNotMakeALaterBlipARecovery() {
    // Restarted an hour ago and recovered; now a short blip that heals within its window.
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).becomes(Health.failing(CRASH));
    service.decide();
    service.after(FAILURE_WINDOW).decide();
    service.afterSeconds(30).becomes(Health.healthy()).decide();
    service.after(Duration.ofHours(1)).becomes(Health.failing(CRASH)).decide();

    RecoveryDecision decision = service.afterSeconds(30).becomes(Health.healthy()).decide();

    assertThat(decision.notices()).isEmpty();
    assertThat(service.noticesSoFar("Recovered")).isEqualTo(1);
  }
}
