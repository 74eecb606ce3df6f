package io.stackpilot.lifecycle;

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
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A revision that was healthy and turns unhealthy without a spec change is restarted, with back-off
 * (10 s after a restart, then 20 s, 40 s, ...), at most maxRestarts times per restartWindow; then
 * the service is Degraded until the window has passed and the budget is back.
 *
 * <p>The failure window here is short (5 s), shorter than the back-off, so that the back-off is
 * what holds a restart back and the test can see it.
 */
class RestartBudgetTest {

  private static final Duration WINDOW = Duration.ofSeconds(5);
  private static final Duration RESTART_WINDOW = Duration.ofMinutes(30);
  private static final RecoverySettings THREE_RESTARTS = settings(3);

  @Test
  void healthyRevisionStillUnhealthyAfterItsWindowIsRestarted() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    Instant restartAt = service.after(WINDOW).now();

    RecoveryDecision decision = service.decide();

    assertThat(decision.target()).as("the same revision, restarted").isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.RESTART);
    assertThat(decision.recordFirst()).as("recorded before the pods are restarted").isTrue();
    assertThat(decision.quarantine())
        .as("a revision that was healthy is not quarantined")
        .isEmpty();
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
    assertThat(decision.wakeAt())
        .as("look again when the restarted pods had their window")
        .contains(restartAt.plus(WINDOW));

    RecoveryState state = decision.state();
    assertThat(state.state()).isEqualTo(State.RESTARTING);
    assertThat(state.restarts()).isEqualTo(1);
    assertThat(state.windowStart()).contains(restartAt);
    assertThat(state.lastAction()).contains("Restarted");
    assertThat(state.lastActionTime()).contains(restartAt);
    assertThat(state.restartedAt())
        .as("stamped on the pod template by the reconciler")
        .contains(restartAt);
    assertThat(state.restartedRevision()).contains(GOOD);
    assertThat(state.failingSince()).as("the restarted pods get a fresh failure window").isEmpty();
  }

  @Test
  void restartIsAnnouncedWithAnAlertAndItsPlaceInTheBudget() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);

    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Restarted");
              assertThat(notice.warning()).isTrue();
              assertThat(notice.alert()).contains(AlertEvent.RESTARTED);
              assertThat(notice.message())
                  .contains(GOOD)
                  .contains(CRASH)
                  .contains("restart 1 of 3")
                  .contains("30 min");
            });
  }

  @Test
  void restartedPodsFailingAgainGetAFreshFailureWindowWithoutAnotherRestart() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    service.after(WINDOW).decide();
    Instant seenAgain = service.afterSeconds(1).now();

    RecoveryDecision decision = service.decide();

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.RESTARTING);
    assertThat(decision.wakeAt()).contains(seenAgain.plus(WINDOW));
    assertThat(decision.notices()).isEmpty();
  }

  @Test
  void restartedPodsStillStartingAreLeftAlone() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    service.after(WINDOW).decide();

    RecoveryDecision decision = service.afterSeconds(2).becomes(Health.progressing()).decide();

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.notices()).isEmpty();
    assertThat(decision.state().restarts()).isEqualTo(1);
  }

  @Test
  void backOffIsTenSecondsAfterTheFirstRestartThenDoubles() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(settings(5));
    Instant first = service.after(WINDOW).now();
    assertThat(service.decide().action()).isEqualTo(Action.RESTART);

    Instant second = backOffEndsAt(service, first.plusSeconds(10));
    Instant third = backOffEndsAt(service, second.plusSeconds(20));
    backOffEndsAt(service, third.plusSeconds(40));

    assertThat(service.noticesSoFar("Restarted")).isEqualTo(4);
  }

  @Test
  void atMostMaxRestartsWithinTheWindowThenDegraded() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    Instant windowStart = service.after(WINDOW).now();
    service.decide();
    restartAgain(service);
    restartAgain(service);

    service.afterSeconds(1).decide();
    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(service.noticesSoFar("Restarted")).isEqualTo(3);
    assertThat(decision.action()).as("the budget is spent").isEqualTo(Action.APPLY);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
    assertThat(decision.state().restarts()).isEqualTo(3);
    assertThat(decision.wakeAt())
        .as("when the budget comes back")
        .contains(windowStart.plus(RESTART_WINDOW));
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("Degraded");
              assertThat(notice.warning()).isTrue();
              assertThat(notice.alert()).contains(AlertEvent.DEGRADED);
              assertThat(notice.message())
                  .contains(GOOD)
                  .contains(CRASH)
                  .contains("3 restart(s)")
                  .contains("budget is spent");
            });
  }

  @Test
  void spentBudgetIsAnnouncedOnceAndKeepsWaitingForTheWindowToEnd() {
    ServiceUnderRecovery service = spentBudget();
    Instant budgetBack = service.state().windowStart().orElseThrow().plus(RESTART_WINDOW);

    for (int reconcile = 0; reconcile < 5; reconcile++) {
      RecoveryDecision again = service.after(Duration.ofMinutes(2)).decide();

      assertThat(again.action()).isEqualTo(Action.APPLY);
      assertThat(again.state().state()).isEqualTo(State.DEGRADED);
      assertThat(again.notices()).isEmpty();
      assertThat(again.wakeAt()).contains(budgetBack);
    }
    assertThat(service.noticesSoFar("Degraded")).isEqualTo(1);
  }

  @Test
  void spentBudgetStaysDegradedAndQuietWhilePodsFlipBetweenCrashingAndStarting() {
    ServiceUnderRecovery service = spentBudget();

    RecoveryDecision starting = service.afterSeconds(30).becomes(Health.progressing()).decide();
    RecoveryDecision crashing = service.afterSeconds(30).becomes(Health.failing(CRASH)).decide();

    assertThat(starting.state().state()).isEqualTo(State.DEGRADED);
    assertThat(crashing.state().state()).isEqualTo(State.DEGRADED);
    assertThat(crashing.action()).isEqualTo(Action.APPLY);
    assertThat(service.noticesSoFar("Degraded")).isEqualTo(1);
  }

  @Test
  void budgetRefillsOnceTheRestartWindowHasPassed() {
    ServiceUnderRecovery service = spentBudget();
    Instant budgetBack = service.state().windowStart().orElseThrow().plus(RESTART_WINDOW);

    RecoveryDecision justBefore = service.at(budgetBack.minusMillis(1)).decide();
    RecoveryDecision decision = service.at(budgetBack).decide();

    assertThat(justBefore.action()).isEqualTo(Action.APPLY);
    assertThat(decision.action()).isEqualTo(Action.RESTART);
    assertThat(decision.state().restarts()).isEqualTo(1);
    assertThat(decision.state().windowStart()).contains(budgetBack);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(notice -> assertThat(notice.message()).contains("restart 1 of 3"));
  }

  @Test
  void budgetIsPerWindowNotPerIncident() {
    // Healthy for a while in between does not hand out a fresh budget; flapping every few minutes
    // must still end Degraded.
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    service.after(WINDOW).decide();
    service.afterSeconds(20).becomes(Health.healthy()).decide();

    service.after(Duration.ofMinutes(10)).becomes(Health.failing(CRASH)).decide();
    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(decision.action()).isEqualTo(Action.RESTART);
    assertThat(decision.state().restarts()).isEqualTo(2);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(notice -> assertThat(notice.message()).contains("restart 2 of 3"));
  }

  @Test
  void healthyPastTheRestartWindowStartsTheCountAfresh() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    service.after(WINDOW).decide();
    service.afterSeconds(20).becomes(Health.healthy()).decide();

    RecoveryDecision muchLater = service.after(RESTART_WINDOW).decide();
    service.after(Duration.ofMinutes(10)).becomes(Health.failing(CRASH)).decide();
    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(muchLater.state().restarts()).isZero();
    assertThat(muchLater.state().windowStart()).isEmpty();
    assertThat(decision.state().restarts()).isEqualTo(1);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(notice -> assertThat(notice.message()).contains("restart 1 of 3"));
  }

  @Test
  void noRestartsAllowedMeansDegradedAtTheEndOfTheFirstWindow() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(settings(0));

    RecoveryDecision decision = service.after(WINDOW).decide();

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.DEGRADED);
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("Degraded");
  }

  /** Healthy on GOOD, then seen crashing: Failing, with the failure window running. */
  private static ServiceUnderRecovery crashingAfterBeingHealthy(RecoverySettings settings) {
    ServiceUnderRecovery service =
        ServiceUnderRecovery.healthyOn(GOOD, GOOD_IMAGE, settings)
            .afterSeconds(60)
            .becomes(Health.failing(CRASH));
    assertThat(service.decide().state().state()).as("precondition").isEqualTo(State.FAILING);
    return service;
  }

  /** Three restarts that did not help: Degraded with the budget spent. */
  private static ServiceUnderRecovery spentBudget() {
    ServiceUnderRecovery service = crashingAfterBeingHealthy(THREE_RESTARTS);
    service.after(WINDOW).decide();
    restartAgain(service);
    restartAgain(service);
    service.afterSeconds(1).decide();
    service.after(WINDOW).decide();
    assertThat(service.state().state()).as("precondition").isEqualTo(State.DEGRADED);
    return service;
  }

  /**
   * The restarted pods crash again; wait out their window and the back-off, and restart once more.
   */
  private static void restartAgain(ServiceUnderRecovery service) {
    service.afterSeconds(1).decide();
    RecoveryDecision waiting = service.after(WINDOW).decide();
    service.at(waiting.wakeAt().orElseThrow());
    assertThat(service.decide().action()).as("precondition").isEqualTo(Action.RESTART);
  }

  /**
   * The restarted pods crash again and their failure window passes before the back-off does:
   * recovery waits for the back-off, says when it ends, and restarts exactly then, not a moment
   * before.
   */
  private static Instant backOffEndsAt(ServiceUnderRecovery service, Instant expected) {
    service.afterSeconds(1).decide();
    RecoveryDecision waiting = service.after(WINDOW).decide();
    assertThat(waiting.action()).isEqualTo(Action.APPLY);
    assertThat(waiting.state().state()).isEqualTo(State.RESTARTING);
    assertThat(waiting.wakeAt()).as("the back-off ends").contains(expected);
    assertThat(waiting.notices()).isEmpty();

    assertThat(service.at(expected.minusMillis(1)).decide().action()).isEqualTo(Action.APPLY);
    assertThat(service.at(expected).decide().action()).isEqualTo(Action.RESTART);
    return expected;
  }

  private static RecoverySettings settings(int maxRestarts) {
    return new RecoverySettings(
        RollbackPolicy.AUTOMATIC, WINDOW, Duration.ofMinutes(5), maxRestarts, RESTART_WINDOW);
  }
}
