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
    RolloutStatus status,
    List<QuarantinedRevision> quarantine,
    List<Notice> notices,
    Optional<Instant> wakeAt) {

  public static final String PROGRESSING = "Progressing";
  public static final String PAUSED = "Paused";
  public static final String WAITING_FOR_PROMOTION = "WaitingForPromotion";
  public static final String PROMOTED = "Promoted";
  public static final String FAILED = "Failed";
  public static final String ABORTED = "Aborted";

  public boolean promoted() {
    return PROMOTED.equals(status.getState());
  }

  /**
   * A decision that is announced (a stage begins, beta fails, passes, pauses or is aborted) is recorded
   * in status before it is announced or carried out: an operator restarted in between continues it from
   * the status instead of taking it, and announcing it, a second time.
   */
  public boolean recordFirst() {
    return !notices.isEmpty();
  }

  public boolean fellBack() {
    return FAILED.equals(status.getState()) || ABORTED.equals(status.getState());
  }
}
