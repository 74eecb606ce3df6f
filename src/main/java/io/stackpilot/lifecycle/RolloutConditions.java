package io.stackpilot.lifecycle;

import io.stackpilot.api.RolloutStatus;

/**
 * The kstatus conditions of a service during a beta rollout: not Ready until beta is live,
 * Available as long as something serves, Stalled with reason BetaFailed after a fallback to stable.
 */
final class RolloutConditions {

  private RolloutConditions() {}

  static void set(Conditions conditions, RolloutPlan plan, boolean available, String rollout) {
    RolloutStatus status = plan.status();
    String state = status.getState();
    conditions.set(
        ConditionType.AVAILABLE, available, available ? "Serving" : "NotServing", rollout);
    switch (plan.state().state()) {
      case FAILED -> {
        conditions.set(ConditionType.READY, false, "BetaFailed", status.getMessage());
        conditions.set(
            ConditionType.RECONCILING,
            false,
            "BetaFailed",
            "Waiting for a new beta revision or channel stable");
        conditions.set(
            ConditionType.STALLED,
            true,
            "BetaFailed",
            status.getMessage()
                + "; change channels.beta, switch to channel stable, or annotate stackpilot.io/retry="
                + status.getRevision());
      }
      case ABORTED -> {
        conditions.set(ConditionType.READY, false, "Aborted", status.getMessage());
        conditions.set(ConditionType.RECONCILING, false, "Aborted", status.getMessage());
        conditions.set(ConditionType.STALLED, true, "Aborted", status.getMessage());
      }
      case PAUSED, WAITING_FOR_PROMOTION -> {
        conditions.set(ConditionType.READY, false, state, status.getMessage());
        conditions.set(ConditionType.RECONCILING, false, state, status.getMessage());
        conditions.set(ConditionType.STALLED, false, state, "Waiting for an annotation, not stuck");
      }
      default -> {
        conditions.set(ConditionType.READY, false, "BetaRollout", status.getMessage());
        conditions.set(ConditionType.RECONCILING, true, "BetaRollout", status.getMessage());
        conditions.set(ConditionType.STALLED, false, "BetaRollout", "The rollout progresses");
      }
    }
  }
}
