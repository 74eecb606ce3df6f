package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.CustomResource;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.datasafety.ClaimBinding;
import io.stackpilot.datasafety.ClaimObservation;
import io.stackpilot.datasafety.ProtectedVolume;
import io.stackpilot.datasafety.ProtectedVolumes;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.health.HealthAssessment;
import io.stackpilot.health.HealthAssessor;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.RecoveryDecider;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.lifecycle.RecoveryInput;
import io.stackpilot.lifecycle.RecoveryState;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.render.Labels;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import java.util.List;
import java.util.Optional;

/**
 * The channel's revision on the service's own Deployment, guarded by recovery: the path of every
 * stable service, and of beta once it is promoted. In order: the API server accepts the revision,
 * its dependencies are Ready (a new revision waits, what runs keeps running), recovery decides the
 * target (the desired revision, a rollback or a restart), an upgrade of snapshotted volumes waits
 * for its snapshots, a rollback or restart is recorded before it is carried out, and a rollback
 * away from a failed revision that migrated data restores that data.
 */
final class StableChannelStep {

  private final OperatorContext operator;
  private final PlanExecutor executor;
  private final DataSafetyStep dataSafety;
  private final DataRestoreStep dataRestore;
  private final ServiceStatusWriter statusWriter;

  StableChannelStep(
      OperatorContext operator, PlanExecutor executor, ServiceStatusWriter statusWriter) {
    this.operator = operator;
    this.executor = executor;
    this.dataSafety = new DataSafetyStep(operator);
    this.dataRestore = new DataRestoreStep(operator);
    this.statusWriter = statusWriter;
  }

  <S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService> PassOutcome run(
      ObservedService<S> observed,
      StackWiring wiring,
      EffectiveService effective,
      Channel channel,
      OwnerReference owner,
      PassOutcome outcome) {
    RenderedService rendered = ServiceRenderer.render(effective, owner);
    DesiredRevision wanted =
        new DesiredRevision(
            rendered.revision(), channel.value(), effective.image(), effective.replicas());
    PlanExecutor.Refusal refusal =
        executor.refusal(
            observed,
            wiring.objects(rendered.objects(), effective, owner),
            outcome.history().find(wanted.revision()).isPresent());
    if (refusal.refused()) {
      return outcome.refused(refusal.errors(), refusal.lookAgain());
    }
    outcome = outcome.withDesired(wanted);
    Optional<DeploymentObservation> live = observed.deployment();
    boolean newRevision =
        live.map(DeploymentObservation::revision).filter(wanted.revision()::equals).isEmpty();
    var dependencies = wiring.dependencies();
    if (!dependencies.mayRollOut() && newRevision) {
      return outcome.waitingFor(dependencies.reconcilingMessage());
    }
    RecoveryDecision decided =
        RecoveryDecider.decide(recoveryInput(observed, wanted, effective, outcome));
    outcome = outcome.withRecovery(decided);
    List<ClaimObservation> claims = observed.claimObservations();
    List<ClaimBinding.Restored> restored = ProtectedVolumes.restored(effective, claims);
    outcome =
        outcome.withVolumes(ProtectedVolumes.status(effective, restored, observed.snapshots()));
    List<ProtectedVolume> snapshotted =
        ProtectedVolumes.snapshotted(effective, claims, observed.snapshots());
    boolean upgrade =
        decided.target().equals(wanted.revision())
            && newRevision
            && live.filter(running -> !running.image().equals(effective.image())).isPresent();
    if (upgrade && !snapshotted.isEmpty()) {
      // One replica on a single-writer volume stops before its snapshot, so the data is at rest.
      boolean stopFirst =
          effective.replicas() <= 1
              && "Recreate".equals(rendered.deployment().getSpec().getStrategy().getType());
      SnapshotGate snapshots =
          dataSafety.beforeUpgrade(
              observed.service(),
              effective,
              wanted.revision(),
              snapshotted,
              stopFirst,
              observed.stablePods().size(),
              live.get(),
              DataSafetyStep.blockedBefore(outcome.intent()),
              observed.now());
      if (!snapshots.open()) {
        return outcome.gatedBy(snapshots);
      }
    }
    if (decided.recordFirst()) {
      // Recorded before it is carried out: a restarted operator finishes it, and never does it
      // twice.
      ServiceStatus intent = outcome.status(observed);
      statusWriter.writeNow(observed.service(), intent, observed.context());
      outcome = outcome.recorded(intent);
      // Told at once, so that an operator stopped right after recording still tells it.
      announce(observed, decided);
    }
    RevisionHistory history =
        RecoveryTarget.history(decided, rendered, wanted, outcome.history(), observed.now());
    PassOutcome unrecorded = outcome;
    outcome = outcome.withHistory(history);
    RenderedService target = RecoveryTarget.objects(decided, rendered, wanted, history, owner);
    Optional<String> liveRevision = live.map(DeploymentObservation::revision);
    if (!decided.target().equals(wanted.revision())
        && liveRevision.filter(wanted.revision()::equals).isPresent()) {
      // The failed revision is still running: this is the rollback, and the moment to roll the data
      // back too.
      restored =
          dataRestore.restoreOnRollback(
              observed.service(),
              effective,
              wanted.revision(),
              liveRevision,
              snapshotted,
              claims,
              restored);
      outcome =
          outcome.withVolumes(ProtectedVolumes.status(effective, restored, observed.snapshots()));
    }
    target = ClaimBinding.rebind(target, restored);
    boolean withheld = wiring.exposureWithheld(target.objects());
    PlanExecutor.Refusal refused =
        executor.carryOut(
            observed,
            new ApplyPlan(
                wiring.objects(target.objects(), effective, owner),
                history,
                Labels.standard(effective),
                target.objects(),
                withheld,
                false));
    if (refused.refused()) {
      // Nothing ran yet, so nothing was asked first: the refusal is reported as a dry run's would
      // have been, and the revision stays unrecorded.
      return unrecorded.refused(refused.errors(), refused.lookAgain());
    }
    if (!decided.recordFirst()) {
      announce(observed, decided);
    }
    return outcome.applied(
        withheld, observed.deployment().isEmpty() ? Optional.of(observed.now()) : Optional.empty());
  }

  private static RecoveryInput recoveryInput(
      ObservedService<?> observed,
      DesiredRevision wanted,
      EffectiveService effective,
      PassOutcome outcome) {
    Optional<DeploymentObservation> live = observed.deployment();
    ServiceStatus previous = outcome.intent();
    return new RecoveryInput(
        wanted,
        live.map(DeploymentObservation::revision),
        live.map(DeploymentObservation::image),
        live.map(d -> HealthAssessor.assess(d.revision(), d, observed.stablePods()))
            .orElse(HealthAssessment.progressing("No Deployment yet")),
        Optional.ofNullable(previous.getLastHealthyRevision()),
        Optional.ofNullable(previous.getQuarantine()).orElse(List.of()),
        RecoveryState.from(previous.getRecovery()),
        outcome.history().revisions(),
        effective.recovery(),
        observed.annotation(ServiceReconciler.RETRY_ANNOTATION),
        observed.now());
  }

  private void announce(ObservedService<?> observed, RecoveryDecision decided) {
    operator
        .signals()
        .announce(
            observed.service(),
            observed.stack(),
            decided,
            observed.deployment().map(DeploymentObservation::image));
  }
}
