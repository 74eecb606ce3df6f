package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.CRASHING_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Revisions.UNPULLABLE;
import static io.stackpilot.lifecycle.Revisions.UNPULLABLE_IMAGE;
import static io.stackpilot.lifecycle.Scenarios.CRASH;
import static io.stackpilot.lifecycle.Scenarios.FAILURE_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The annotation stackpilot.io/retry names a quarantined revision (optionally followed by '.' and
 * anything, so the same revision can be retried again later with a new value). Each value is acted
 * on once: it lives on in the object's metadata, and must not let a revision out of quarantine
 * again after it failed a second time.
 */
class RetryAnnotationTest {

  @ParameterizedTest(name = "stackpilot.io/retry={0}")
  @ValueSource(strings = {CRASHING, CRASHING + ".1", CRASHING + ".after-the-db-fix"})
  void retryNamingTheQuarantinedRevisionLetsItOutAndAppliesItAgain(String annotation) {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(300).annotatedRetry(annotation);

    RecoveryDecision decision = service.decide();

    assertThat(decision.quarantine()).isEmpty();
    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.PROGRESSING);
    assertThat(decision.state().lastRetry()).as("this value is used up").contains(annotation);
    assertThat(decision.notices())
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.reason()).isEqualTo("RetryRequested");
              assertThat(notice.warning()).isFalse();
              assertThat(notice.alert()).isEmpty();
              assertThat(notice.message()).contains(CRASHING);
            });
  }

  @Test
  void sameValueSeenAgainDoesNothing() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(300).annotatedRetry(CRASHING);
    service.decide();

    RecoveryDecision decision = service.goesLive().afterSeconds(10).decide();

    assertThat(decision.notices()).isEmpty();
    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.state().lastRetry()).contains(CRASHING);
  }

  @Test
  void retriedRevisionThatFailsAgainIsQuarantinedAgainAndTheOldValueCannotLetItOut() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(300).annotatedRetry(CRASHING);
    service.decide();
    service.goesLive().afterSeconds(10).becomes(Health.failing(CRASH)).decide();
    RecoveryDecision rollback = service.after(FAILURE_WINDOW).decide();
    service.goesLive().afterSeconds(20).becomes(Health.healthy()).decide();

    RecoveryDecision decision = service.afterSeconds(60).decide();

    assertThat(rollback.action())
        .as("the user asked for it, so a second rollback is right")
        .isEqualTo(Action.ROLL_BACK);
    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(CRASHING);
    assertThat(service.noticesSoFar("RetryRequested")).isEqualTo(1);
  }

  @Test
  void newValueNamingTheSameRevisionRetriesItOnceMore() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(300).annotatedRetry(CRASHING);
    service.decide();
    service.goesLive().afterSeconds(10).becomes(Health.failing(CRASH)).decide();
    service.after(FAILURE_WINDOW).decide();
    service.goesLive().afterSeconds(20).becomes(Health.healthy()).decide();

    RecoveryDecision decision = service.afterSeconds(60).annotatedRetry(CRASHING + ".2").decide();

    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.quarantine()).isEmpty();
    assertThat(service.noticesSoFar("RetryRequested")).isEqualTo(2);
  }

  @Test
  void retryNamingAnUnknownRevisionChangesNothingButIsUsedUp() {
    ServiceUnderRecovery service = Scenarios.rolledBack().afterSeconds(300);
    RecoveryInput plain = service.input();
    RecoveryInput withRetry = retrying(plain, "rev-typo");

    RecoveryDecision without = RecoveryDecider.decide(plain);
    RecoveryDecision with = RecoveryDecider.decide(withRetry);

    assertThat(with.target()).isEqualTo(without.target()).isEqualTo(GOOD);
    assertThat(with.action()).isEqualTo(without.action());
    assertThat(with.quarantine())
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(without.quarantine());
    assertThat(with.lastHealthyRevision()).isEqualTo(without.lastHealthyRevision());
    assertThat(with.notices()).isEqualTo(without.notices()).isEmpty();
    assertThat(with.wakeAt()).isEqualTo(without.wakeAt());
    assertThat(with.state())
        .usingRecursiveComparison()
        .ignoringFields("lastRetry")
        .isEqualTo(without.state());
    assertThat(with.state().lastRetry()).contains("rev-typo");
  }

  @Test
  void usedUpValueCannotLetOutARevisionQuarantinedLater() {
    // The annotation was set while nothing was quarantined; it is spent, not waiting for a target.
    ServiceUnderRecovery service = Scenarios.healthy().afterSeconds(30).annotatedRetry(CRASHING);
    assertThat(service.decide().state().lastRetry()).contains(CRASHING);
    service.afterSeconds(30).wants(CRASHING, CRASHING_IMAGE).decide();
    service.goesLive().afterSeconds(10).becomes(Health.failing(CRASH)).decide();
    service.after(FAILURE_WINDOW).decide();
    service.goesLive().afterSeconds(20).becomes(Health.healthy()).decide();

    RecoveryDecision decision = service.afterSeconds(60).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(CRASHING);
    assertThat(service.noticesSoFar("RetryRequested")).isZero();
  }

  @Test
  void retryNamingAnotherQuarantinedRevisionLeavesTheDesiredOneQuarantined() {
    ServiceUnderRecovery service =
        Scenarios.rolledBack().afterSeconds(60).wants(UNPULLABLE, UNPULLABLE_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(5).becomes(Health.failing("ImagePullBackOff")).decide();
    service.after(FAILURE_WINDOW).decide();
    service.goesLive().afterSeconds(20).becomes(Health.healthy()).decide();

    RecoveryDecision decision = service.afterSeconds(60).annotatedRetry(CRASHING).decide();

    assertThat(decision.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly(UNPULLABLE);
    assertThat(decision.target())
        .as("the spec asks for a revision that is still quarantined")
        .isEqualTo(GOOD);
    assertThat(decision.state().state()).isEqualTo(State.ROLLED_BACK);
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("RetryRequested");
  }

  @Test
  void retriedRevisionStillLiveGetsAFreshFailureWindow() {
    // The rollback was recorded but not yet carried out, so the quarantined revision is still live
    // and crashing when the retry comes. Its old window ran out; trying again means a new one.
    ServiceUnderRecovery service =
        Scenarios.rollbackJustRecorded().afterSeconds(5).annotatedRetry(CRASHING);

    RecoveryDecision decision = service.decide();

    assertThat(decision.quarantine()).isEmpty();
    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.action()).as("not rolled back again at once").isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.FAILING);
    assertThat(decision.state().failingSince()).contains(service.now());
    assertThat(decision.wakeAt()).contains(service.now().plus(FAILURE_WINDOW));
    assertThat(decision.notices()).extracting(Notice::reason).containsExactly("RetryRequested");
  }

  private static RecoveryInput retrying(RecoveryInput in, String annotation) {
    return new RecoveryInput(
        in.desired(),
        in.liveRevision(),
        in.liveImage(),
        in.liveHealth(),
        in.lastHealthyRevision(),
        in.quarantine(),
        in.state(),
        in.restorableRevisions(),
        in.settings(),
        Optional.of(annotation),
        in.now());
  }
}
