package io.stackpilot.lifecycle;

import io.fabric8.kubernetes.api.model.Condition;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.ValidationMessage;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.health.RefusedPods;
import io.stackpilot.wiring.DependencyGateResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Computes a service's status from what was observed: phase, kstatus conditions, the live and the
 * desired revision. Pure, and stable: the same observation gives an equal status, so a resync of an
 * unchanged service writes nothing.
 */
public final class ServiceStatusCalculator {

  private ServiceStatusCalculator() {}

  public static ServiceStatus compute(ServiceObservation observed, Instant now) {
    ServiceStatus previous =
        observed.previous() == null ? new ServiceStatus() : observed.previous();
    Optional<DeploymentObservation> deployment = observed.deployment();
    boolean valid = observed.valid();

    String desiredRevision =
        observed.desired().map(DesiredRevision::revision).orElse(previous.getDesiredRevision());
    boolean desiredIsLive =
        deployment.isPresent() && deployment.get().revision().equals(desiredRevision);
    boolean rolledOut = deployment.map(DeploymentObservation::rolledOut).orElse(false);
    boolean ready = valid && desiredIsLive && rolledOut;
    boolean available = deployment.map(DeploymentObservation::available).orElse(false);
    boolean deadlineExceeded =
        deployment.map(DeploymentObservation::progressDeadlineExceeded).orElse(false);

    Optional<RecoveryState.State> recovery = observed.recovery().map(d -> d.state().state());
    Optional<RolloutPlan> rolloutInProgress = observed.rollout().filter(r -> !r.promoted());
    Phase phase;
    if (!valid) {
      phase = Phase.INVALID;
    } else if (rolloutInProgress.isPresent()) {
      phase = rolloutInProgress.get().fellBack() ? Phase.ROLLED_BACK : Phase.PROGRESSING;
    } else if (recovery.filter(RecoveryState.State.ROLLED_BACK::equals).isPresent()) {
      phase = Phase.ROLLED_BACK;
    } else if (recovery
        .filter(
            s ->
                s == RecoveryState.State.DEGRADED
                    || s == RecoveryState.State.RESTARTING
                    || s == RecoveryState.State.FAILING)
        .isPresent()) {
      phase = Phase.DEGRADED;
    } else if (deployment.isEmpty()) {
      phase = Phase.PENDING;
    } else if (ready) {
      phase = Phase.HEALTHY;
    } else if (deadlineExceeded) {
      phase = Phase.DEGRADED;
    } else {
      phase = Phase.PROGRESSING;
    }

    ServiceStatus status = new ServiceStatus();
    status.setObservedGeneration(observed.generation());
    status.setPhase(phase.value());
    status.setDesiredRevision(desiredRevision);
    deployment.ifPresent(
        d -> {
          status.setRevision(d.revision());
          status.setImage(d.image());
          status.setChannel(d.channel());
          status.setReplicas(d.desiredReplicas());
          status.setReadyReplicas(d.readyReplicas());
          status.setReady(d.readyReplicas() + "/" + d.desiredReplicas());
        });
    // Recovery decides what counts as healthy; without a decision (an invalid spec) a rolled-out
    // revision still counts.
    status.setLastHealthyRevision(
        observed.recovery().isPresent()
            ? observed.recovery().get().lastHealthyRevision().orElse(null)
            : rolledOut && available
                ? deployment.get().revision()
                : previous.getLastHealthyRevision());
    status.setValidation(observed.validation());
    List<VolumeStatus> volumes =
        observed
            .volumes()
            .orElseGet(() -> Optional.ofNullable(previous.getVolumes()).orElse(List.of()));
    status.setConditions(
        conditions(
            observed,
            previous,
            now,
            valid,
            ready,
            available,
            deadlineExceeded,
            desiredRevision,
            volumes));
    status.setRecovery(
        observed.recovery().map(d -> d.state().toStatus()).orElse(previous.getRecovery()));
    status.setRollout(
        observed.rollout().isPresent()
            ? observed.rollout().get().status()
            : observed.recovery().isPresent() ? null : previous.getRollout());
    status.setQuarantine(
        observed
            .rollout()
            .map(RolloutPlan::quarantine)
            .or(() -> observed.recovery().map(RecoveryDecision::quarantine))
            .map(q -> q.isEmpty() ? null : q)
            .orElse(previous.getQuarantine()));
    status.setHistory(observed.history().isEmpty() ? previous.getHistory() : observed.history());
    status.setVolumes(volumes.isEmpty() ? null : volumes);
    status.setConditions(held(observed, status.getConditions(), now));
    return status;
  }

  /**
   * The conditions of a valid desired revision that is held back: while snapshots are taken it is
   * Reconciling, when one failed it is Stalled (the running revision runs on), and while what it
   * depends on is not Ready it is Reconciling with what it waits for.
   */
  private static List<Condition> held(
      ServiceObservation observed, List<Condition> conditions, Instant now) {
    List<Condition> held = conditions;
    long generation = observed.generation();
    if (observed.snapshotGate().isPresent()) {
      SnapshotGate gate = observed.snapshotGate().get();
      boolean blocked = gate.step() == SnapshotGate.Step.BLOCKED;
      held =
          Conditions.replaced(
              held,
              ConditionType.RECONCILING,
              !blocked,
              blocked ? "Idle" : SnapshotGate.WAITING_REASON,
              blocked ? "Blocked: see Stalled" : gate.message(),
              generation,
              now);
      if (blocked) {
        held =
            Conditions.replaced(
                held,
                ConditionType.STALLED,
                true,
                SnapshotGate.BLOCKED_REASON,
                gate.message(),
                generation,
                now);
      }
    }
    if (observed.waitingForDependencies().isPresent()) {
      held =
          Conditions.replaced(
              held,
              ConditionType.RECONCILING,
              true,
              DependencyGateResult.REASON,
              observed.waitingForDependencies().get(),
              generation,
              now);
    }
    return held;
  }

  private static List<Condition> conditions(
      ServiceObservation observed,
      ServiceStatus previous,
      Instant now,
      boolean valid,
      boolean ready,
      boolean available,
      boolean deadlineExceeded,
      String desiredRevision,
      List<VolumeStatus> volumes) {
    Conditions conditions = new Conditions(previous.getConditions(), observed.generation(), now);
    if (valid) {
      int warnings = count(observed.validation().getWarnings());
      conditions.set(
          ConditionType.CONFIG_VALID,
          true,
          "Valid",
          warnings == 0
              ? "The spec is valid"
              : "The spec is valid, with " + warnings + " warning(s) in status.validation");
    } else {
      List<ValidationMessage> errors = observed.validation().getErrors();
      ValidationMessage first = errors.get(0);
      conditions.set(
          ConditionType.CONFIG_VALID,
          false,
          "InvalidSpec",
          first.getField()
              + ": "
              + first.getMessage()
              + (errors.size() > 1
                  ? " (and " + (errors.size() - 1) + " more in status.validation)"
                  : ""));
    }

    String rollout =
        observed
            .deployment()
            .map(d -> d.readyReplicas() + "/" + d.desiredReplicas() + " ready")
            .orElse("no Deployment yet");
    // Pods the cluster will not create (Pod Security, a quota): said nowhere else but in the
    // ReplicaSet's events.
    Optional<String> refused =
        observed
            .deployment()
            .map(DeploymentObservation::podsRefused)
            .filter(refusal -> !refusal.isEmpty())
            .map(RefusedPods::explain);
    Optional<RolloutPlan> rolloutPlan = observed.rollout().filter(r -> !r.promoted());
    if (valid && rolloutPlan.isPresent()) {
      RolloutConditions.set(conditions, rolloutPlan.get(), available, rollout);
      return conditions.build();
    }
    Optional<RecoveryDecision> recovery = observed.recovery();
    if (valid && recovery.isPresent() && RecoveryConditions.applies(recovery.get())) {
      RecoveryConditions.set(
          conditions, recovery.get(), desiredRevision, volumes, available, rollout, refused);
      return conditions.build();
    }
    if (ready) {
      conditions.set(
          ConditionType.READY,
          true,
          "Healthy",
          "Revision " + desiredRevision + " is live: " + rollout);
    } else if (!valid) {
      conditions.set(
          ConditionType.READY,
          false,
          "InvalidSpec",
          "The spec is invalid; the last applied revision keeps serving");
    } else {
      conditions.set(
          ConditionType.READY,
          false,
          deadlineExceeded ? "ProgressDeadlineExceeded" : "RollingOut",
          "Revision "
              + desiredRevision
              + " is rolling out: "
              + rollout
              + refused.map(cause -> "; " + cause).orElse(""));
    }

    conditions.set(
        ConditionType.AVAILABLE,
        available,
        available ? "Serving" : "NotServing",
        available ? "A healthy revision serves: " + rollout : "No healthy revision serves yet");

    boolean stalled = !valid || deadlineExceeded;
    conditions.set(
        ConditionType.RECONCILING,
        valid && !ready && !stalled,
        ready || stalled ? "Idle" : "RollingOut",
        ready
            ? "Nothing to do"
            : stalled ? "Waiting for a change of spec" : "Rolling out revision " + desiredRevision);
    if (!valid) {
      conditions.set(
          ConditionType.STALLED, true, "InvalidSpec", "Fix the errors in status.validation");
    } else if (deadlineExceeded) {
      conditions.set(
          ConditionType.STALLED,
          true,
          "ProgressDeadlineExceeded",
          "Revision " + desiredRevision + " did not become ready within recovery.progressDeadline");
    } else {
      conditions.set(
          ConditionType.STALLED, false, "Progressing", "Nothing blocks the desired state");
    }
    return conditions.build();
  }

  private static int count(List<?> items) {
    return items == null ? 0 : items.size();
  }
}
