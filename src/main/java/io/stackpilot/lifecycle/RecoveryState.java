package io.stackpilot.lifecycle;

import io.stackpilot.api.RecoveryStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The recovery part of a service's status as immutable values. The decision reads it and returns
 * the next one; it is stored in status.recovery, so a restarted operator continues where it
 * stopped.
 */
public record RecoveryState(
    State state,
    int restarts,
    Optional<Instant> windowStart,
    Optional<String> lastAction,
    Optional<Instant> lastActionTime,
    Optional<String> failingRevision,
    Optional<Instant> failingSince,
    Optional<Instant> failureDetectedAt,
    Optional<String> failureReason,
    Optional<Instant> restartedAt,
    Optional<String> restartedRevision,
    Optional<String> lastRetry) {

  /** Where recovery stands. */
  public enum State {
    HEALTHY("Healthy"),
    PROGRESSING("Progressing"),
    FAILING("Failing"),
    RESTARTING("Restarting"),
    ROLLED_BACK("RolledBack"),
    DEGRADED("Degraded");

    private final String value;

    State(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    static State parse(String value) {
      for (State s : values()) {
        if (s.value.equals(value)) {
          return s;
        }
      }
      return PROGRESSING;
    }
  }

  public static RecoveryState initial() {
    return new RecoveryState(
        State.PROGRESSING,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public static RecoveryState from(RecoveryStatus status) {
    if (status == null) {
      return initial();
    }
    return new RecoveryState(
        State.parse(status.getState()),
        status.getRestarts() == null ? 0 : status.getRestarts(),
        time(status.getWindowStart()),
        Optional.ofNullable(status.getLastAction()),
        time(status.getLastActionTime()),
        Optional.ofNullable(status.getFailingRevision()),
        time(status.getFailingSince()),
        time(status.getFailureDetectedAt()),
        Optional.ofNullable(status.getFailureReason()),
        time(status.getRestartedAt()),
        Optional.ofNullable(status.getRestartedRevision()),
        Optional.ofNullable(status.getLastRetry()));
  }

  public RecoveryStatus toStatus() {
    RecoveryStatus status = new RecoveryStatus();
    status.setState(state.value());
    status.setRestarts(restarts);
    status.setWindowStart(windowStart.map(Instant::toString).orElse(null));
    status.setLastAction(lastAction.orElse(null));
    status.setLastActionTime(lastActionTime.map(Instant::toString).orElse(null));
    status.setFailingRevision(failingRevision.orElse(null));
    status.setFailingSince(failingSince.map(Instant::toString).orElse(null));
    status.setFailureDetectedAt(failureDetectedAt.map(Instant::toString).orElse(null));
    status.setFailureReason(failureReason.orElse(null));
    status.setRestartedAt(restartedAt.map(Instant::toString).orElse(null));
    status.setRestartedRevision(restartedRevision.orElse(null));
    status.setLastRetry(lastRetry.orElse(null));
    return status;
  }

  RecoveryState withState(State next) {
    return new RecoveryState(
        next,
        restarts,
        windowStart,
        lastAction,
        lastActionTime,
        failingRevision,
        failingSince,
        failureDetectedAt,
        failureReason,
        restartedAt,
        restartedRevision,
        lastRetry);
  }

  RecoveryState failing(String revision, Instant since, Instant detectedAt, String reason) {
    return new RecoveryState(
        state,
        restarts,
        windowStart,
        lastAction,
        lastActionTime,
        Optional.of(revision),
        Optional.of(since),
        Optional.of(detectedAt),
        Optional.of(reason),
        restartedAt,
        restartedRevision,
        lastRetry);
  }

  /**
   * Healthy again: the incident is over, the failure bookkeeping goes. Restart counts stay for
   * their window.
   */
  RecoveryState cleared() {
    return new RecoveryState(
        state,
        restarts,
        windowStart,
        lastAction,
        lastActionTime,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        restartedAt,
        restartedRevision,
        lastRetry);
  }

  RecoveryState acted(String action, Instant at) {
    return new RecoveryState(
        state,
        restarts,
        windowStart,
        Optional.of(action),
        Optional.of(at),
        failingRevision,
        failingSince,
        failureDetectedAt,
        failureReason,
        restartedAt,
        restartedRevision,
        lastRetry);
  }

  RecoveryState restarted(String revision, Instant at, int count, Instant window) {
    return new RecoveryState(
        state,
        count,
        Optional.of(window),
        Optional.of("Restarted"),
        Optional.of(at),
        failingRevision,
        Optional.empty(),
        failureDetectedAt,
        failureReason,
        Optional.of(at),
        Optional.of(revision),
        lastRetry);
  }

  RecoveryState withRestartWindow(int count, Optional<Instant> window) {
    return new RecoveryState(
        state,
        count,
        window,
        lastAction,
        lastActionTime,
        failingRevision,
        failingSince,
        failureDetectedAt,
        failureReason,
        restartedAt,
        restartedRevision,
        lastRetry);
  }

  RecoveryState retried(String value) {
    return new RecoveryState(
        state,
        restarts,
        windowStart,
        lastAction,
        lastActionTime,
        failingRevision,
        failingSince,
        failureDetectedAt,
        failureReason,
        restartedAt,
        restartedRevision,
        Optional.of(value));
  }

  private static Optional<Instant> time(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(value));
  }
}
