package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.RecoveryStatus;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recovery keeps nothing in memory: everything it needs next time goes to status.recovery and comes
 * back from it. A restarted operator reads exactly what the last one wrote.
 */
class RecoveryStateTest {

  private static final Instant T = Instant.parse("2026-03-01T02:03:04.567Z");

  @Test
  void everyFieldSurvivesTheTripThroughStatus() {
    RecoveryState state =
        new RecoveryState(
            State.RESTARTING,
            2,
            Optional.of(T),
            Optional.of("Restarted"),
            Optional.of(T.plusSeconds(10)),
            Optional.of("rev-good"),
            Optional.of(T.plusSeconds(11)),
            Optional.of(T.minusSeconds(120)),
            Optional.of("CrashLoopBackOff"),
            Optional.of(T.plusSeconds(10)),
            Optional.of("rev-good"),
            Optional.of("rev-crashing.2"));

    assertThat(RecoveryState.from(state.toStatus())).isEqualTo(state);
  }

  @ParameterizedTest
  @EnumSource(State.class)
  void everyStateSurvivesTheTripThroughStatus(State value) {
    RecoveryState state = RecoveryState.initial().withState(value);

    assertThat(RecoveryState.from(state.toStatus()).state()).isEqualTo(value);
  }

  @Test
  void stateIsWrittenInTheSpellingTheCrdDocuments() {
    assertThat(RecoveryState.initial().withState(State.ROLLED_BACK).toStatus().getState())
        .isEqualTo("RolledBack");
    assertThat(RecoveryState.initial().withState(State.DEGRADED).toStatus().getState())
        .isEqualTo("Degraded");
  }

  @Test
  void noStatusYetIsTheInitialState() {
    RecoveryState state = RecoveryState.from(null);

    assertThat(state).isEqualTo(RecoveryState.initial());
    assertThat(state.state()).isEqualTo(State.PROGRESSING);
    assertThat(state.restarts()).isZero();
    assertThat(state.lastRetry()).isEmpty();
  }

  @Test
  void emptyStatusReadsAsNothingRecorded() {
    RecoveryStatus status = new RecoveryStatus();
    status.setWindowStart("");

    RecoveryState state = RecoveryState.from(status);

    assertThat(state.state()).isEqualTo(State.PROGRESSING);
    assertThat(state.restarts()).isZero();
    assertThat(state.windowStart()).isEmpty();
  }

  @Test
  void unknownStateReadsAsProgressingSoRecoveryLooksAgain() {
    RecoveryStatus status = new RecoveryStatus();
    status.setState("SomethingANewerVersionWrote");

    assertThat(RecoveryState.from(status).state()).isEqualTo(State.PROGRESSING);
  }

  @Test
  void initialStateWritesNoTimesOrRevisions() {
    RecoveryStatus status = RecoveryState.initial().toStatus();

    assertThat(status.getState()).isEqualTo("Progressing");
    assertThat(status.getRestarts()).isZero();
    assertThat(status.getWindowStart()).isNull();
    assertThat(status.getLastAction()).isNull();
    assertThat(status.getFailingRevision()).isNull();
    assertThat(status.getRestartedAt()).isNull();
    assertThat(status.getLastRetry()).isNull();
  }
}
