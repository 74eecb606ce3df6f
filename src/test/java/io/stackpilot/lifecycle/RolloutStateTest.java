package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.RolloutStatus;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RolloutStateTest {

  private static final Instant STARTED = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void aStateSurvivesTheStatusUnchanged() {
    RolloutState state =
        new RolloutState(
            RolloutState.State.PAUSED,
            "rev-b",
            "extended",
            50,
            2,
            STARTED,
            Optional.of(STARTED.plusSeconds(1800)),
            Optional.of(STARTED.plusSeconds(60)),
            "Paused at stage extended");

    RolloutStatus status = state.toStatus();

    assertThat(status.getState()).isEqualTo("Paused");
    assertThat(status.getChannel()).isEqualTo("beta");
    assertThat(status.getStageEndsAt()).isEqualTo("2026-12-06T10:30:00Z");
    assertThat(RolloutState.from(status)).contains(state);
  }

  @Test
  void whatIsNotSetIsNullInTheStatus() {
    RolloutStatus status =
        new RolloutState(
                RolloutState.State.FAILED,
                "rev-b",
                "limited",
                10,
                0,
                STARTED,
                Optional.empty(),
                Optional.empty(),
                "Beta failed")
            .toStatus();

    assertThat(status.getStageEndsAt()).isNull();
    assertThat(status.getFailingSince()).isNull();
  }

  @Test
  void aStatusThatCannotBeReadStartsTheRolloutOver() {
    RolloutStatus unknownState =
        new RolloutState(
                RolloutState.State.PROGRESSING,
                "rev-b",
                "limited",
                10,
                1,
                STARTED,
                Optional.empty(),
                Optional.empty(),
                "x")
            .toStatus();
    unknownState.setState("Sideways");
    RolloutStatus badTime =
        new RolloutState(
                RolloutState.State.PROGRESSING,
                "rev-b",
                "limited",
                10,
                1,
                STARTED,
                Optional.empty(),
                Optional.empty(),
                "x")
            .toStatus();
    badTime.setStageStartedAt("yesterday");

    assertThat(RolloutState.from(unknownState)).isEmpty();
    assertThat(RolloutState.from(badTime)).isEmpty();
    assertThat(RolloutState.from(new RolloutStatus())).isEmpty();
    assertThat(RolloutState.from(null)).isEmpty();
  }
}
