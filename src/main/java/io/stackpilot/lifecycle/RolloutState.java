package io.stackpilot.lifecycle;

import io.stackpilot.api.RolloutStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a beta rollout stands, as the decider reads and writes it: an immutable value, so a
 * decision is a new state built from the old, never the old one changed. {@link RolloutStatus} is
 * only its form in the resource's status.
 *
 * @param revision the beta revision rolled out
 * @param stage the name of the current stage
 * @param percent the stage's share of the pods
 * @param betaPods pods running beta now
 * @param stageStartedAt when the current stage began
 * @param stageEndsAt when its soak ends, while it soaks
 * @param failingSince since when beta has been unhealthy, while it is
 */
public record RolloutState(
    State state,
    String revision,
    String stage,
    int percent,
    int betaPods,
    Instant stageStartedAt,
    Optional<Instant> stageEndsAt,
    Optional<Instant> failingSince,
    String message) {

  /** The states of a rollout, by the names the status shows. */
  public enum State {
    PROGRESSING("Progressing"),
    PAUSED("Paused"),
    WAITING_FOR_PROMOTION("WaitingForPromotion"),
    PROMOTED("Promoted"),
    FAILED("Failed"),
    ABORTED("Aborted");

    private final String value;

    State(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    static Optional<State> parse(String value) {
      return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
  }

  /**
   * The state recorded in a status; empty when there is none, or when it cannot be read (written by
   * hand, or by a version that wrote something else): the rollout then starts over.
   */
  public static Optional<RolloutState> from(RolloutStatus status) {
    if (status == null || status.getRevision() == null || status.getStage() == null) {
      return Optional.empty();
    }
    try {
      return State.parse(status.getState())
          .map(
              state ->
                  new RolloutState(
                      state,
                      status.getRevision(),
                      status.getStage(),
                      orZero(status.getPercent()),
                      orZero(status.getBetaPods()),
                      Instant.parse(status.getStageStartedAt()),
                      instant(status.getStageEndsAt()),
                      instant(status.getFailingSince()),
                      status.getMessage()));
    } catch (DateTimeParseException | NullPointerException unreadable) {
      return Optional.empty();
    }
  }

  public RolloutStatus toStatus() {
    RolloutStatus status = new RolloutStatus();
    status.setChannel("beta");
    status.setRevision(revision);
    status.setStage(stage);
    status.setPercent(percent);
    status.setBetaPods(betaPods);
    status.setStageStartedAt(stageStartedAt.toString());
    status.setStageEndsAt(stageEndsAt.map(Instant::toString).orElse(null));
    status.setFailingSince(failingSince.map(Instant::toString).orElse(null));
    status.setState(state.value());
    status.setMessage(message);
    return status;
  }

  public boolean is(State other) {
    return state == other;
  }

  RolloutState in(State next, String why) {
    return new RolloutState(
        next, revision, stage, percent, betaPods, stageStartedAt, stageEndsAt, failingSince, why);
  }

  RolloutState saying(String why) {
    return in(state, why);
  }

  /** Beta runs on no pod and no soak runs: where a fallback to stable leaves it. */
  RolloutState fallenBack(State next, String why) {
    return new RolloutState(
        next, revision, stage, percent, 0, stageStartedAt, Optional.empty(), Optional.empty(), why);
  }

  RolloutState onPods(int pods) {
    return new RolloutState(
        state, revision, stage, percent, pods, stageStartedAt, stageEndsAt, failingSince, message);
  }

  RolloutState failingSince(Optional<Instant> since) {
    return new RolloutState(
        state, revision, stage, percent, betaPods, stageStartedAt, stageEndsAt, since, message);
  }

  RolloutState soakDone() {
    return new RolloutState(
        state,
        revision,
        stage,
        percent,
        betaPods,
        stageStartedAt,
        Optional.empty(),
        failingSince,
        message);
  }

  RolloutState live(int pods, String why) {
    return new RolloutState(
        State.PROMOTED,
        revision,
        stage,
        100,
        pods,
        stageStartedAt,
        Optional.empty(),
        failingSince,
        why);
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static Optional<Instant> instant(String value) {
    return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
  }
}
