package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.CustomResource;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.datasafety.ClaimBinding;
import io.stackpilot.datasafety.ProtectedVolume;
import io.stackpilot.datasafety.ProtectedVolumes;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.lifecycle.RevisionRecord;
import io.stackpilot.lifecycle.RolloutPlan;
import io.stackpilot.render.Labels;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.RevisionSnapshots;
import java.util.List;
import java.util.Optional;

/**
 * Beta is wanted and not live yet: one step of its staged rollout (see {@link BetaRolloutStep} for
 * the decision). Once beta is promoted, the stable path takes over with the beta channel's
 * revision.
 */
final class BetaChannelStep {

  private final OperatorContext operator;
  private final PlanExecutor executor;
  private final ServiceStatusWriter statusWriter;
  private final DataSafetyStep dataSafety;

  BetaChannelStep(
      OperatorContext operator, PlanExecutor executor, ServiceStatusWriter statusWriter) {
    this.operator = operator;
    this.executor = executor;
    this.statusWriter = statusWriter;
    this.dataSafety = new DataSafetyStep(operator);
  }

  <S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService> PassOutcome run(
      ObservedService<S> observed,
      StackWiring wiring,
      Overlays overlays,
      OwnerReference owner,
      PassOutcome outcome) {
    S service = observed.service();
    EffectiveService beta =
        wiring.withRoleConfig(Layering.layer(service, observed.stack(), Channel.BETA, overlays));
    EffectiveService stable =
        wiring.withRoleConfig(Layering.layer(service, observed.stack(), Channel.STABLE, overlays));
    BetaRolloutStep.Step step =
        BetaRolloutStep.decide(
            service,
            stable,
            beta,
            owner,
            outcome.intent(),
            observed.deployments(),
            observed.pods(),
            observed.now());
    RenderedService betaMain = step.betaMain();
    PlanExecutor.Refusal refusal =
        executor.refusal(
            observed,
            wiring.objects(step.objects(), beta, owner),
            outcome.history().find(betaMain.revision()).isPresent());
    if (refusal.refused()) {
      return outcome.refused(refusal.errors(), refusal.lookAgain());
    }
    RolloutPlan plan = step.plan();
    outcome =
        outcome
            .withRollout(plan)
            .withDesired(
                new DesiredRevision(
                    betaMain.revision(), Channel.BETA.value(), beta.image(), beta.replicas()));
    if (!plan.fellBack() && !plan.promoted()) {
      Optional<SnapshotGate> gate = snapshotsBeforeBeta(observed, beta, step, outcome);
      if (gate.isPresent() && !gate.get().open()) {
        return outcome.gatedBy(gate.get());
      }
    }
    if (plan.recordFirst()) {
      // Recorded before it is told or carried out: a restarted operator continues it, never decides
      // it twice.
      ServiceStatus intent = outcome.status(observed);
      statusWriter.writeNow(service, intent, observed.context());
      outcome = outcome.recorded(intent);
    }
    operator
        .signals()
        .announce(
            service,
            observed.stack(),
            plan.notices(),
            betaMain.revision(),
            Optional.of(beta.image()));
    if (plan.promoted()) {
      executor.deleteCanary(observed);
      return outcome;
    }
    RevisionHistory history = outcome.history();
    if (history.find(betaMain.revision()).isEmpty() && !plan.fellBack()) {
      history =
          history.recorded(
              RevisionSnapshots.record(
                  betaMain, Channel.BETA.value(), beta.image(), observed.now()));
    }
    for (var failed : plan.quarantine()) {
      history = history.withResult(failed.getRevision(), RevisionRecord.FAILED);
    }
    List<ClaimBinding.Restored> restored =
        ProtectedVolumes.restored(beta, observed.claimObservations());
    PassOutcome unrecorded = outcome;
    outcome =
        outcome
            .withHistory(history)
            .withVolumes(ProtectedVolumes.status(beta, restored, observed.snapshots()));
    boolean withheld = wiring.exposureWithheld(step.objects());
    PlanExecutor.Refusal refused =
        executor.carryOut(
            observed,
            new ApplyPlan(
                wiring.objects(ClaimBinding.rebind(step.objects(), restored), beta, owner),
                history,
                Labels.standard(stable),
                step.objects(),
                withheld,
                step.canary().isEmpty()));
    if (refused.refused()) {
      return unrecorded.refused(refused.errors(), refused.lookAgain());
    }
    return outcome.applied(withheld, Optional.empty());
  }

  /**
   * Beta is an upgrade like any other: before its first pod starts on the service's snapshotted
   * volumes they are snapshotted, a single writer swapped to beta being stopped first. Empty when
   * there is nothing to snapshot or beta runs already.
   */
  private Optional<SnapshotGate> snapshotsBeforeBeta(
      ObservedService<?> observed,
      EffectiveService beta,
      BetaRolloutStep.Step step,
      PassOutcome outcome) {
    List<ProtectedVolume> snapshotted =
        ProtectedVolumes.snapshotted(beta, observed.claimObservations(), observed.snapshots());
    Optional<DeploymentObservation> live = observed.deployment();
    String revision = step.betaMain().revision();
    boolean betaRuns =
        observed.deployments().stream()
            .anyMatch(d -> revision.equals(DeploymentObservation.of(d).revision()));
    if (snapshotted.isEmpty()
        || betaRuns
        || live.filter(running -> !running.image().equals(beta.image())).isEmpty()) {
      return Optional.empty();
    }
    boolean swap = step.canary().isEmpty();
    return Optional.of(
        dataSafety.beforeUpgrade(
            observed.service(),
            beta,
            revision,
            snapshotted,
            swap && beta.replicas() <= 1,
            observed.stablePods().size(),
            live.get(),
            DataSafetyStep.blockedBefore(outcome.intent()),
            observed.now()));
  }
}
