package io.stackpilot.lifecycle;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;

/**
 * The conditions of a resource whose reconcile failed: Reconciling says what is awaited when the
 * cause is transient, Stalled says what a person must do when it is terminal. Ready, Available and
 * ConfigValid keep what the last successful reconcile found, since the failure tells nothing new of
 * them; a resource that never got that far is not Ready, for the same reason as the failure.
 */
public final class FailureConditions {

  private FailureConditions() {}

  public static List<Condition> of(
      List<Condition> previous, ReconcileFailure failure, long generation, Instant now) {
    List<Condition> before = previous == null ? List.of() : previous;
    Conditions next = new Conditions(before, generation, now);
    for (ConditionType type :
        List.of(ConditionType.READY, ConditionType.AVAILABLE, ConditionType.CONFIG_VALID)) {
      Conditions.find(before, type.type())
          .ifPresentOrElse(
              kept -> next.keep(kept),
              () -> {
                if (type == ConditionType.READY) {
                  next.set(type, false, failure.reason(), failure.message());
                }
              });
    }
    next.set(
        ConditionType.RECONCILING,
        !failure.terminal(),
        failure.terminal() ? "Stalled" : failure.reason(),
        failure.terminal() ? "Blocked: see Stalled" : failure.message());
    next.set(
        ConditionType.STALLED,
        failure.terminal(),
        failure.terminal() ? failure.reason() : "Retrying",
        failure.terminal()
            ? failure.message()
            : "Not stalled: waiting for a transient cause, see Reconciling");
    return next.build();
  }
}
