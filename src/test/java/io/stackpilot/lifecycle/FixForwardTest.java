package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.FIXED;
import static io.stackpilot.lifecycle.Revisions.FIXED_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Revisions.GOOD_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The desired revision is applied at once, whatever recovery is busy with: the first time, and
 * after every spec change, even while the service is failing, restarting, rolled back or degraded.
 * A human who pushes a fix must never wait for recovery to give up first.
 */
class FixForwardTest {

  @Test
  void firstApplyWithNothingLiveAppliesTheDesiredRevision() {
    ServiceUnderRecovery service = ServiceUnderRecovery.created(GOOD, GOOD_IMAGE);

    RecoveryDecision decision = service.decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.recordFirst()).isFalse();
    assertThat(decision.state().state()).isEqualTo(State.PROGRESSING);
    assertThat(decision.notices()).isEmpty();
    assertThat(decision.quarantine()).isEmpty();
    assertThat(decision.lastHealthyRevision()).isEmpty();
    assertThat(decision.wakeAt())
        .as("pods and the Deployment wake the reconciler, not a timer")
        .isEmpty();
  }

  @Test
  void firstRevisionProgressingIsNotYetHealthy() {
    ServiceUnderRecovery service = ServiceUnderRecovery.created(GOOD, GOOD_IMAGE);
    service.decide();

    RecoveryDecision decision = service.goesLive().afterSeconds(5).decide();

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.PROGRESSING);
    assertThat(decision.lastHealthyRevision()).isEmpty();
    assertThat(decision.wakeAt()).isEmpty();
  }

  @Test
  void firstRevisionTurningHealthyBecomesTheLastHealthyRevisionWithoutANotice() {
    ServiceUnderRecovery service = ServiceUnderRecovery.created(GOOD, GOOD_IMAGE);
    service.decide();

    RecoveryDecision decision =
        service.goesLive().afterSeconds(5).becomes(Health.healthy()).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.HEALTHY);
    assertThat(decision.lastHealthyRevision()).contains(GOOD);
    assertThat(decision.notices()).as("a rollout that simply works is not news").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servicesInEveryRecoveryState")
  void specChangeIsAppliedAtOnce(Supplier<ServiceUnderRecovery> inState) {
    ServiceUnderRecovery service = inState.get();
    var quarantineBefore = service.input().quarantine();
    var lastHealthyBefore = service.input().lastHealthyRevision();

    RecoveryDecision decision = service.afterSeconds(1).wants(FIXED, FIXED_IMAGE).decide();

    assertThat(decision.target()).isEqualTo(FIXED);
    assertThat(decision.action())
        .as("a plain apply, not a recovery action")
        .isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.PROGRESSING);
    assertThat(decision.notices()).isEmpty();
    assertThat(decision.wakeAt()).isEmpty();
    assertThat(decision.state().failingRevision()).as("the old incident is over").isEmpty();
    assertThat(decision.state().failingSince()).isEmpty();
    assertThat(decision.state().failureDetectedAt()).isEmpty();
    assertThat(decision.state().failureReason()).isEmpty();
    assertThat(decision.quarantine())
        .as("what failed stays quarantined")
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(quarantineBefore);
    assertThat(decision.lastHealthyRevision()).isEqualTo(lastHealthyBefore);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servicesInEveryRecoveryState")
  void fixedRevisionThatTurnsHealthyIsSimplyHealthy(Supplier<ServiceUnderRecovery> inState) {
    ServiceUnderRecovery service = inState.get().afterSeconds(1).wants(FIXED, FIXED_IMAGE);
    service.decide();

    RecoveryDecision decision =
        service.goesLive().afterSeconds(30).becomes(Health.healthy()).decide();

    assertThat(decision.target()).isEqualTo(FIXED);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.HEALTHY);
    assertThat(decision.lastHealthyRevision()).contains(FIXED);
    assertThat(decision.notices())
        .as("the new revision did not recover from anything")
        .noneMatch(n -> n.reason().equals("Recovered"));
  }

  @Test
  void specChangeBackToTheRolledBackRevisionNeedsNoRollout() {
    // The GitOps user reverts the bad commit: the spec asks for what already runs.
    ServiceUnderRecovery service = Scenarios.rolledBack();

    RecoveryDecision decision = service.afterSeconds(1).wants(GOOD, GOOD_IMAGE).decide();

    assertThat(decision.target()).isEqualTo(GOOD);
    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.state().state()).isEqualTo(State.HEALTHY);
    assertThat(decision.quarantine()).extracting(q -> q.getRevision()).containsExactly(CRASHING);
    assertThat(decision.notices()).isEmpty();
  }

  static Stream<Arguments> servicesInEveryRecoveryState() {
    return Stream.of(
        scenario("while Healthy", Scenarios::healthy),
        scenario("while Failing within the failure window", Scenarios::failingUpgrade),
        scenario("while Restarting", Scenarios::restarting),
        scenario("right after a rollback was recorded", Scenarios::rollbackJustRecorded),
        scenario("while RolledBack", Scenarios::rolledBack),
        scenario(
            "while Degraded with no healthy revision", Scenarios::degradedWithoutHealthyRevision),
        scenario(
            "while Degraded with the restart budget spent",
            Scenarios::degradedWithRestartBudgetSpent));
  }

  private static Arguments scenario(String name, Supplier<ServiceUnderRecovery> inState) {
    return Arguments.of(Named.of(name, inState));
  }
}
