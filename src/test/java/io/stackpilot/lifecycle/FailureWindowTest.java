package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.CRASHING_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Scenarios.CRASH;
import static io.stackpilot.lifecycle.Scenarios.FAILURE_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * An unhealthy revision gets recovery.failureWindow to sort itself out (a slow image pull, a crash
 * while a dependency starts) before recovery acts. Until then it is Failing, nothing is done, and
 * the reconciler is woken when the window ends, because nothing else might wake it.
 */
class FailureWindowTest {

  @Test
  void newRevisionSeenUnhealthyIsFailingUntilTheWindowEnds() {
    ServiceUnderRecovery service = upgradeToCrashing();
    Instant firstSeen = service.afterSeconds(20).now();

    RecoveryDecision decision = service.becomes(Health.failing(CRASH)).decide();

    assertThat(decision.target()).isEqualTo(CRASHING);
    assertThat(decision.action()).as("no action inside the window").isEqualTo(Action.APPLY);
    assertThat(decision.recordFirst()).isFalse();
    assertThat(decision.state().state()).isEqualTo(State.FAILING);
    assertThat(decision.wakeAt()).contains(firstSeen.plus(FAILURE_WINDOW));
    assertThat(decision.notices()).isEmpty();
    assertThat(decision.quarantine()).isEmpty();
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
  }

  @Test
  void failingStateRemembersTheRevisionTheTimeAndTheReason() {
    ServiceUnderRecovery service = upgradeToCrashing();
    Instant firstSeen = service.afterSeconds(20).now();

    RecoveryDecision decision = service.becomes(Health.failing(CRASH)).decide();

    assertThat(decision.state().failingRevision()).contains(CRASHING);
    assertThat(decision.state().failingSince()).contains(firstSeen);
    assertThat(decision.state().failureDetectedAt()).contains(firstSeen);
    assertThat(decision.state().failureReason()).contains(CRASH);
  }

  @Test
  void laterLooksWithinTheWindowKeepTheWindowWhereItStarted() {
    ServiceUnderRecovery service =
        upgradeToCrashing().afterSeconds(20).becomes(Health.failing(CRASH));
    Instant firstSeen = service.now();
    service.decide();

    RecoveryDecision decision = service.afterSeconds(90).decide();

    assertThat(decision.state().state()).isEqualTo(State.FAILING);
    assertThat(decision.state().failingSince())
        .as("a later look does not push the window out")
        .contains(firstSeen);
    assertThat(decision.wakeAt()).contains(firstSeen.plus(FAILURE_WINDOW));
    assertThat(decision.action()).isEqualTo(Action.APPLY);
  }

  @Test
  void lastInstantBeforeTheWindowEndsIsStillWithinIt() {
    ServiceUnderRecovery service =
        upgradeToCrashing().afterSeconds(20).becomes(Health.failing(CRASH));
    Instant firstSeen = service.now();
    service.decide();

    RecoveryDecision decision = service.at(firstSeen.plus(FAILURE_WINDOW).minusMillis(1)).decide();

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.FAILING);
  }

  @Test
  void theWindowEndingIsWhenRecoveryActs() {
    ServiceUnderRecovery service =
        upgradeToCrashing().afterSeconds(20).becomes(Health.failing(CRASH));
    Instant firstSeen = service.now();
    service.decide();

    RecoveryDecision decision = service.at(firstSeen.plus(FAILURE_WINDOW)).decide();

    assertThat(decision.action()).isEqualTo(Action.ROLL_BACK);
  }

  @Test
  void progressingInBetweenDoesNotRestartTheWindow() {
    // A crash-looping pod is Running between back-offs; the assessor then says Progressing.
    ServiceUnderRecovery service =
        upgradeToCrashing().afterSeconds(20).becomes(Health.failing(CRASH));
    Instant firstSeen = service.now();
    service.decide();
    service.afterSeconds(30).becomes(Health.progressing()).decide();

    RecoveryDecision decision = service.afterSeconds(30).becomes(Health.failing(CRASH)).decide();

    assertThat(decision.state().failingSince()).contains(firstSeen);
    assertThat(decision.wakeAt()).contains(firstSeen.plus(FAILURE_WINDOW));
  }

  @Test
  void healthyWithinTheWindowEndsTheIncidentQuietly() {
    ServiceUnderRecovery service =
        upgradeToCrashing().afterSeconds(20).becomes(Health.failing("ImagePullBackOff"));
    service.decide();

    RecoveryDecision decision = service.afterSeconds(40).becomes(Health.healthy()).decide();

    assertThat(decision.state().state()).isEqualTo(State.HEALTHY);
    assertThat(decision.lastHealthyRevision()).as("the new revision made it").contains(CRASHING);
    assertThat(decision.notices()).as("recovery did nothing, so it reports no recovery").isEmpty();
    assertThat(decision.state().failingRevision()).isEmpty();
    assertThat(decision.state().failingSince()).isEmpty();
    assertThat(decision.state().failureDetectedAt()).isEmpty();
    assertThat(decision.state().failureReason()).isEmpty();
    assertThat(decision.wakeAt()).isEmpty();
  }

  @Test
  void healthyRevisionTurningUnhealthyAlsoWaitsOutTheWindow() {
    ServiceUnderRecovery service = Scenarios.healthy().afterSeconds(600);
    Instant firstSeen = service.now();

    RecoveryDecision decision = service.becomes(Health.failing("OOMKilled")).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.FAILING);
    assertThat(decision.state().failureReason()).contains("OOMKilled");
    assertThat(decision.wakeAt()).contains(firstSeen.plus(FAILURE_WINDOW));
    assertThat(decision.notices()).isEmpty();
  }

  private static ServiceUnderRecovery upgradeToCrashing() {
    ServiceUnderRecovery service =
        Scenarios.healthy().afterSeconds(60).wants(CRASHING, CRASHING_IMAGE);
    service.decide();
    return service.goesLive();
  }
}
