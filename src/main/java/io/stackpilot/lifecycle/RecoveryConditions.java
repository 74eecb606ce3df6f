package io.stackpilot.lifecycle;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.datasafety.DataLeftBehind;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kstatus conditions of a service that recovery is working on or has given up on, so that
 * GitOps tools show the truth: after a rollback the service is Available but not Ready, and Stalled
 * until a human changes the spec or asks for a retry.
 */
final class RecoveryConditions {

  private RecoveryConditions() {}

  static boolean applies(RecoveryDecision decision) {
    State state = decision.state().state();
    return state == State.ROLLED_BACK
        || state == State.DEGRADED
        || state == State.FAILING
        || state == State.RESTARTING;
  }

  static void set(
      Conditions conditions,
      RecoveryDecision decision,
      String desiredRevision,
      List<VolumeStatus> volumes,
      boolean available,
      String rollout,
      Optional<String> refused) {
    RecoveryState state = decision.state();
    String reason = state.failureReason().orElse("Unhealthy");
    switch (state.state()) {
      case ROLLED_BACK -> {
        // The revision held back is the one the spec asks for; the newest quarantine entry may be
        // another.
        QuarantinedRevision failed =
            decision.quarantine().stream()
                .filter(q -> Objects.equals(desiredRevision, q.getRevision()))
                .findFirst()
                .orElse(decision.quarantine().get(0));
        String message =
            "Revision "
                + failed.getRevision()
                + " ("
                + failed.getImage()
                + ") failed with "
                + failed.getReason()
                + " and was rolled back to revision "
                + decision.target()
                + "; change the spec, or annotate stackpilot.io/retry="
                + failed.getRevision()
                + " to try it again";
        conditions.set(ConditionType.READY, false, "RolledBack", message);
        conditions.set(
            ConditionType.AVAILABLE,
            available,
            available ? "Serving" : "NotServing",
            (available ? "The last healthy revision serves: " : "Nothing serves yet: ") + rollout);
        conditions.set(
            ConditionType.RECONCILING,
            false,
            "RolledBack",
            "Waiting for a change of spec or a retry");
        conditions.set(ConditionType.STALLED, true, "RolledBack", message);
      }
      case DEGRADED -> {
        // lastAction outlives its incident: only restarts of the degraded revision itself spent a
        // budget.
        String why =
            decision.lastHealthyRevision().isEmpty()
                ? "NoHealthyRevision"
                : state.lastAction().filter("Restarted"::equals).isPresent()
                        && state.restartedRevision().filter(decision.target()::equals).isPresent()
                    ? "RestartBudgetSpent"
                    : "Degraded";
        String message =
            "Revision "
                + decision.target()
                + " is unhealthy ("
                + reason
                + "): "
                + switch (why) {
                  case "NoHealthyRevision" ->
                      "it never became healthy and there is no healthy revision to roll back to";
                  case "RestartBudgetSpent" ->
                      state.restarts() + " restart(s) did not help; the restart budget is spent";
                  default -> "recovery is Manual or has nothing left to try";
                }
                // Without this the cause is in the ReplicaSet's events alone.
                + refused.map(cause -> "; " + cause).orElse("");
        // Failing after a rollback: the failed upgrade may have changed data the old revision
        // cannot read, which is the one thing a restart never fixes.
        Optional<String> dataLeft =
            decision.target().equals(desiredRevision)
                ? Optional.empty()
                : DataLeftBehind.after(volumes, desiredRevision);
        if (dataLeft.isPresent()) {
          why = "DataNotRestored";
          message +=
              ". It runs again because revision "
                  + desiredRevision
                  + " was rolled back: "
                  + dataLeft.get();
        }
        conditions.set(ConditionType.READY, false, why, message);
        conditions.set(
            ConditionType.AVAILABLE, available, available ? "Serving" : "NotServing", rollout);
        conditions.set(ConditionType.RECONCILING, false, why, "Waiting for a human: " + message);
        conditions.set(ConditionType.STALLED, true, why, message);
      }
      default -> {
        String what = state.state() == State.RESTARTING ? "Restarting" : "Failing";
        String message =
            "Revision "
                + decision.target()
                + " is unhealthy ("
                + reason
                + "); recovery is watching it"
                + refused.map(cause -> "; " + cause).orElse("");
        conditions.set(ConditionType.READY, false, what, message);
        conditions.set(
            ConditionType.AVAILABLE, available, available ? "Serving" : "NotServing", rollout);
        conditions.set(ConditionType.RECONCILING, true, what, message);
        conditions.set(ConditionType.STALLED, false, what, "Recovery has not given up");
      }
    }
  }
}
