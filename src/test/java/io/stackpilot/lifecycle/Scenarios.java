package io.stackpilot.lifecycle;

import static io.stackpilot.lifecycle.Revisions.CRASHING;
import static io.stackpilot.lifecycle.Revisions.CRASHING_IMAGE;
import static io.stackpilot.lifecycle.Revisions.GOOD;
import static io.stackpilot.lifecycle.Revisions.GOOD_IMAGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.RollbackPolicy;
import io.stackpilot.config.RecoverySettings;
import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Duration;

/**
 * Services brought into each recovery state the way it happens in a cluster: by a sequence of
 * reconciles, not by a hand-written state. Each checks it got there, so a test that starts from one
 * fails at the right place when the way there breaks.
 */
final class Scenarios {

  static final String CRASH = "CrashLoopBackOff";

  /**
   * Every decision of these scenarios falls on this grid, so tests can name the times they expect.
   */
  static final Duration FAILURE_WINDOW = ServiceUnderRecovery.AUTOMATIC.failureWindow();

  private Scenarios() {}

  static ServiceUnderRecovery healthy() {
    ServiceUnderRecovery service = ServiceUnderRecovery.healthyOn(GOOD, GOOD_IMAGE);
    assertThat(service.state().state()).as("precondition").isEqualTo(State.HEALTHY);
    return service;
  }

  /** An upgrade to a crashing revision, seen failing but still within its failure window. */
  static ServiceUnderRecovery failingUpgrade() {
    ServiceUnderRecovery service = healthy().afterSeconds(60).wants(CRASHING, CRASHING_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(20).becomes(Health.failing(CRASH)).decide();
    assertThat(service.state().state()).as("precondition").isEqualTo(State.FAILING);
    return service;
  }

  /** A healthy revision that started crashing and was restarted once; it is still crashing. */
  static ServiceUnderRecovery restarting() {
    ServiceUnderRecovery service = healthy().afterSeconds(60).becomes(Health.failing(CRASH));
    service.decide();
    RecoveryDecision restart = service.after(FAILURE_WINDOW).decide();
    assertThat(restart.action()).as("precondition").isEqualTo(Action.RESTART);
    assertThat(service.state().state()).as("precondition").isEqualTo(State.RESTARTING);
    return service;
  }

  /**
   * The moment an upgrade that never became healthy is rolled back; the rollback is recorded, not
   * yet applied.
   */
  static ServiceUnderRecovery rollbackJustRecorded() {
    ServiceUnderRecovery service = failingUpgrade();
    RecoveryDecision rollback = service.after(FAILURE_WINDOW).decide();
    assertThat(rollback.action()).as("precondition").isEqualTo(Action.ROLL_BACK);
    return service;
  }

  /**
   * Rolled back to the last healthy revision, which serves healthy again; the upgrade is
   * quarantined.
   */
  static ServiceUnderRecovery rolledBack() {
    ServiceUnderRecovery service = rollbackJustRecorded();
    service.goesLive().afterSeconds(15).decide();
    service.afterSeconds(15).becomes(Health.healthy()).decide();
    assertThat(service.state().state()).as("precondition").isEqualTo(State.ROLLED_BACK);
    assertThat(service.input().liveRevision()).as("precondition").contains(GOOD);
    return service;
  }

  /** The first revision a service ever had never became healthy: nothing to roll back to. */
  static ServiceUnderRecovery degradedWithoutHealthyRevision() {
    ServiceUnderRecovery service = ServiceUnderRecovery.created(CRASHING, CRASHING_IMAGE);
    service.decide();
    service.goesLive().afterSeconds(20).becomes(Health.failing(CRASH)).decide();
    service.after(FAILURE_WINDOW).decide();
    assertThat(service.state().state()).as("precondition").isEqualTo(State.DEGRADED);
    return service;
  }

  /** A healthy revision that kept crashing through its one allowed restart. */
  static ServiceUnderRecovery degradedWithRestartBudgetSpent() {
    RecoverySettings oneRestart =
        new RecoverySettings(
            RollbackPolicy.AUTOMATIC,
            FAILURE_WINDOW,
            Duration.ofMinutes(5),
            1,
            Duration.ofMinutes(30));
    ServiceUnderRecovery service =
        ServiceUnderRecovery.healthyOn(GOOD, GOOD_IMAGE, oneRestart)
            .afterSeconds(60)
            .becomes(Health.failing(CRASH));
    service.decide();
    service.after(FAILURE_WINDOW).decide();
    service.afterSeconds(10).decide();
    service.after(FAILURE_WINDOW).decide();
    assertThat(service.state().state()).as("precondition").isEqualTo(State.DEGRADED);
    assertThat(service.state().restarts()).as("precondition").isEqualTo(1);
    return service;
  }
}
