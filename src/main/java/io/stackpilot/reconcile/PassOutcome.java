package io.stackpilot.reconcile;

import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.lifecycle.RequeuePolicy;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.lifecycle.RolloutPlan;
import io.stackpilot.lifecycle.ServiceObservation;
import io.stackpilot.lifecycle.ServiceStatusCalculator;
import io.stackpilot.validation.Finding;
import io.stackpilot.validation.ValidationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the steps of one reconcile decided, handed from step to step and never changed in place: the
 * status is computed from it once, at the end ({@link #status}), and so is when to look again
 * ({@link #lookAgain}).
 *
 * @param report the spec's findings, with the API server's refusals and missing APIs added
 * @param intent the status decisions build on: the one found, or the intent recorded during the
 *     pass
 * @param history the revision history as this pass leaves it
 * @param desired the revision the spec asks for, once it was accepted
 * @param recovery the recovery decision for the service's own Deployment
 * @param rollout the beta rollout's step, on the beta channel
 * @param waitingFor what a new revision waits for before it may roll out
 * @param snapshotGate the snapshots an upgrade waits for or is blocked by, when it is not open
 * @param volumes the protected volumes and the claims that hold their data; empty keeps the
 *     previous
 * @param waiting the service waits for something a wake may miss (see {@link RequeuePolicy})
 * @param firstApplied when this pass applied the objects of a service that had no Deployment yet:
 *     its first status may be held from then ({@link io.stackpilot.lifecycle.FirstStatusHold})
 */
record PassOutcome(
    ValidationReport report,
    ServiceStatus intent,
    RevisionHistory history,
    Optional<DesiredRevision> desired,
    Optional<RecoveryDecision> recovery,
    Optional<RolloutPlan> rollout,
    Optional<String> waitingFor,
    Optional<SnapshotGate> snapshotGate,
    Optional<List<VolumeStatus>> volumes,
    boolean waiting,
    Optional<Instant> firstApplied) {

  /**
   * Nothing decided yet: the spec's findings, and a namesake going away wakes nothing, so look
   * again.
   */
  static PassOutcome start(ObservedService<?> observed) {
    return new PassOutcome(
        observed.validation(),
        observed.found(),
        observed.history(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        observed.namesakes(),
        Optional.empty());
  }

  boolean valid() {
    return report.isValid();
  }

  /**
   * The spec cannot be carried out as it is; {@code lookAgain} when what refuses it may go away
   * unwatched.
   */
  PassOutcome refused(List<Finding> errors, boolean lookAgain) {
    return new PassOutcome(
        report.withErrors(errors),
        intent,
        history,
        desired,
        recovery,
        rollout,
        waitingFor,
        snapshotGate,
        volumes,
        waiting || lookAgain,
        firstApplied);
  }

  PassOutcome withDesired(DesiredRevision revision) {
    return new PassOutcome(
        report,
        intent,
        history,
        Optional.of(revision),
        recovery,
        rollout,
        waitingFor,
        snapshotGate,
        volumes,
        waiting,
        firstApplied);
  }

  PassOutcome withRollout(RolloutPlan plan) {
    return new PassOutcome(
        report,
        intent,
        history,
        desired,
        recovery,
        Optional.of(plan),
        waitingFor,
        snapshotGate,
        volumes,
        waiting,
        firstApplied);
  }

  PassOutcome withRecovery(RecoveryDecision decision) {
    return new PassOutcome(
        report,
        intent,
        history,
        desired,
        Optional.of(decision),
        rollout,
        waitingFor,
        snapshotGate,
        volumes,
        waiting,
        firstApplied);
  }

  /** A new revision waits for its dependencies; what runs keeps running. */
  PassOutcome waitingFor(Optional<String> message) {
    return new PassOutcome(
        report,
        intent,
        history,
        desired,
        recovery,
        rollout,
        message,
        snapshotGate,
        volumes,
        true,
        firstApplied);
  }

  /** An upgrade waits for its snapshots, or is blocked by one. */
  PassOutcome gatedBy(SnapshotGate gate) {
    return new PassOutcome(
        report,
        intent,
        history,
        desired,
        recovery,
        rollout,
        waitingFor,
        Optional.of(gate),
        volumes,
        waiting,
        firstApplied);
  }

  PassOutcome withVolumes(List<VolumeStatus> status) {
    return new PassOutcome(
        report,
        intent,
        history,
        desired,
        recovery,
        rollout,
        waitingFor,
        snapshotGate,
        Optional.of(status),
        waiting,
        firstApplied);
  }

  PassOutcome withHistory(RevisionHistory next) {
    return new PassOutcome(
        report,
        intent,
        next,
        desired,
        recovery,
        rollout,
        waitingFor,
        snapshotGate,
        volumes,
        waiting,
        firstApplied);
  }

  /** The intent was written before it was carried out: later decisions build on it. */
  PassOutcome recorded(ServiceStatus written) {
    return new PassOutcome(
        report,
        written,
        history,
        desired,
        recovery,
        rollout,
        waitingFor,
        snapshotGate,
        volumes,
        waiting,
        firstApplied);
  }

  /**
   * What the plan left waiting for (an Ingress held back until its protector is Ready), and when a
   * service with nothing running yet had its objects applied for the first time (this pass).
   */
  PassOutcome applied(boolean exposureWithheld, Optional<Instant> firstApplied) {
    return new PassOutcome(
        report,
        intent,
        history,
        desired,
        recovery,
        rollout,
        waitingFor,
        snapshotGate,
        volumes,
        waiting || exposureWithheld,
        firstApplied);
  }

  /** The status, computed in one place from everything the pass observed and decided. */
  ServiceStatus status(ObservedService<?> observed) {
    return ServiceStatusCalculator.compute(
        new ServiceObservation(
            observed.service().getMetadata().getGeneration(),
            report.toStatus(),
            desired,
            observed.deployment(),
            recovery,
            rollout,
            history.summary(),
            snapshotGate,
            waitingFor,
            volumes,
            intent),
        observed.now());
  }

  /** When to reconcile again without an event, if at all. */
  Optional<Duration> lookAgain(ObservedService<?> observed) {
    return RequeuePolicy.lookAgain(
        observed.now(),
        recovery.flatMap(RecoveryDecision::wakeAt),
        rollout.flatMap(RolloutPlan::wakeAt),
        snapshotGate,
        waiting);
  }
}
