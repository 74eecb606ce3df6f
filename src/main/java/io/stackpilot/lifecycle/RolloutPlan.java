package io.stackpilot.lifecycle;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One step of a beta rollout: how many pods run beta and how many stable, on which Deployment, the
 * rollout status to record, and what to tell people.
 *
 * @param betaOnMain the service's own Deployment runs beta (swap mode, or beta promoted)
 * @param mainReplicas pods of the service's own Deployment
 * @param canaryReplicas pods of the {@code <name>-beta} canary Deployment; zero means none
 */
public record RolloutPlan(
    boolean betaOnMain,
    int mainReplicas,
    int canaryReplicas,
    RolloutState state,
    List<QuarantinedRevision> quarantine,
    List<Notice> notices,
    Optional<Instant> wakeAt) {

  /** The rollout as the resource's status records it. */
  public RolloutStatus status() {
    return state.toStatus();
  }

  public boolean promoted() {
    return state.is(RolloutState.State.PROMOTED);
  }

  /**
   * A decision that is announced (a stage begins, beta fails, passes, pauses or is aborted) is
   * recorded in status before it is announced or carried out: an operator restarted in between
   * continues it from the status instead of taking it, and announcing it, a second time.
   */
  public boolean recordFirst() {
    return !notices.isEmpty();
  }

  public boolean fellBack() {
    return state.is(RolloutState.State.FAILED) || state.is(RolloutState.State.ABORTED);
  }
}
