package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.health.HealthAssessment;
import io.stackpilot.health.HealthAssessor;
import io.stackpilot.health.PodObservation;
import io.stackpilot.lifecycle.RecoveryDecider;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.lifecycle.RecoveryInput;
import io.stackpilot.lifecycle.RecoveryState;
import io.stackpilot.lifecycle.RequeuePolicy;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.lifecycle.RevisionRecord;
import io.stackpilot.lifecycle.RolloutPlan;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.datasafety.ClaimBinding;
import io.stackpilot.datasafety.ClaimObservation;
import io.stackpilot.datasafety.ProtectedVolume;
import io.stackpilot.datasafety.ProtectedVolumes;
import io.stackpilot.datasafety.SnapshotGate;
import io.stackpilot.render.RevisionSnapshots;
import io.stackpilot.render.StaleObjects;
import io.stackpilot.render.Track;
import java.time.Instant;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.lifecycle.ConditionType;
import io.stackpilot.lifecycle.Conditions;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.Phase;
import io.stackpilot.lifecycle.ServiceObservation;
import io.stackpilot.lifecycle.ServiceStatusCalculator;
import io.stackpilot.render.Labels;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import io.stackpilot.validation.SpecValidator;
import io.stackpilot.validation.ValidationReport;
import io.stackpilot.wiring.CompanionApi;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reconciler every service kind shares. It reads the service, its stack and what it owns from
 * the informer caches, asks the pure core what to run (validate, layer, render, compute status), and
 * writes only what differs from the cluster. An invalid spec never touches what is running.
 */
public abstract class ServiceReconciler<S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService>
    implements Reconciler<S> {

  static final String STACK_INDEX = "stackpilot-stack";
  private static final Logger log = LoggerFactory.getLogger(ServiceReconciler.class);
  /** Set to a quarantined revision (optionally followed by '.' and anything) to try it once more. */
  public static final String RETRY_ANNOTATION = "stackpilot.io/retry";

  private final OperatorContext operator;
  private final DataSafetyStep dataSafety;
  private final FailureReporter failures;

  protected ServiceReconciler(OperatorContext operator) {
    this.operator = operator;
    this.dataSafety = new DataSafetyStep(operator);
    this.failures = new FailureReporter(operator);
  }

  @Override
  public List<EventSource<?, S>> prepareEventSources(EventSourceContext<S> context) {
    return ServiceEventSources.of(operator, context);
  }

  @Override
  public UpdateControl<S> reconcile(S service, Context<S> context) {
    // The operator framework puts the resource's kind, namespace and name in the MDC of the reconcile.
    try (var held = operator.nameLocks().hold(service.getMetadata().getNamespace(), service.getMetadata().getName())) {
      Pass pass = new Pass(service, context);
      if (pass.report.isValid()) {
        pass.act();
      }
      UpdateControl<S> control = pass.finish();
      failures.succeeded(service);
      return control;
    }
  }

  /**
   * A reconcile threw: the status and an Event say what failed and what is awaited or to be done, and
   * it is tried again with back-off for as long as the cause lasts (see {@link FailureReporter}).
   */
  @Override
  public ErrorStatusUpdateControl<S> updateErrorStatus(S service, Context<S> context, Exception error) {
    return failures.failed(service, error, status -> writeStatusNow(service, status, context));
  }

  /**
   * One reconcile: what was read at its start, and what acting decided. Kept in one place so the
   * steps (a beta rollout, recovery, the final status) share it without a dozen parameters.
   */
  private final class Pass {
    final S service;
    final Context<S> context;
    final Instant now = operator.clock().instant();
    final Optional<ServiceStack> stack;
    final Neighbourhood neighbourhood;
    ValidationReport report;
    final Optional<DeploymentObservation> observed;
    final Set<ConfigMap> configMaps;
    RevisionHistory history;
    /** The status as this pass found it: what its phase transitions are told against. */
    final ServiceStatus found;
    /** The status decisions build on: the one found, or the intent this pass recorded since. */
    ServiceStatus previous;
    Optional<DesiredRevision> desired = Optional.empty();
    Optional<RecoveryDecision> decision = Optional.empty();
    Optional<RolloutPlan> rollout = Optional.empty();
    Optional<String> waitingFor = Optional.empty();
    Optional<SnapshotGate> snapshotGate = Optional.empty();
    Optional<List<VolumeStatus>> volumes = Optional.empty();
    boolean pollAgain;

    Pass(S service, Context<S> context) {
      this.service = service;
      this.context = context;
      this.stack = context.getSecondaryResource(ServiceStack.class);
      // The namespace's services are read once: validation, protection, scraping and dependencies all use them.
      this.neighbourhood = operator.neighbours().of(service.getMetadata().getNamespace());
      var facts = operator.factsReader().forService(service, stack, neighbourhood);
      this.report = SpecValidator.validateService(service, facts);
      // A namesake of another kind going away wakes nothing here: look again until the name is free.
      this.pollAgain = !facts.namesakes().isEmpty();
      this.observed = context.getSecondaryResources(Deployment.class).stream()
          .filter(d -> d.getMetadata().getName().equals(service.getMetadata().getName()))
          .findFirst().map(DeploymentObservation::of);
      this.configMaps = context.getSecondaryResources(ConfigMap.class);
      this.history = HistoryStore.read(service, configMaps);
      this.found = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
      this.previous = found;
    }

    void act() {
      Optional<io.stackpilot.validation.Finding> taken = nameTaken();
      if (taken.isPresent()) {
        report = report.withErrors(List.of(taken.get()));
        // Nor does the garbage collector removing the other owner's objects: look again until they are gone.
        pollAgain = true;
        return;
      }
      Channel channel = Layering.selectedChannel(service.serviceSpec(), stack);
      OwnerReference owner = OwnerReferences.controllerOf(service);
      StackWiring wiring = new StackWiring(service, stack, neighbourhood);
      Overlays overlays = wiring.overlays();
      if (channel == Channel.BETA) {
        rollOutBeta(wiring, overlays, owner);
      } else {
        deleteCanary(service, context);
      }
      if (!report.isValid()) {
        return;
      }
      if (rollout.isEmpty() || rollout.get().promoted()) {
        recover(wiring, wiring.withScrapeConfig(Layering.layer(service, stack, channel, overlays)), channel, owner);
      }
    }

    /**
     * Whether the service's Deployment belongs to another service. The cache holds only this kind's
     * objects, so one missing from it is read from the API server: that happens before the first
     * rollout, not at rest.
     */
    private Optional<io.stackpilot.validation.Finding> nameTaken() {
      String name = service.getMetadata().getName();
      Optional<Deployment> live = context.getSecondaryResources(Deployment.class).stream()
          .filter(d -> d.getMetadata().getName().equals(name)).findFirst()
          .or(() -> Optional.ofNullable(operator.client().apps().deployments()
              .inNamespace(service.getMetadata().getNamespace()).withName(name).get()));
      return io.stackpilot.validation.NameOwnership.check("Deployment", name, service.getMetadata().getUid(),
          live.map(d -> d.getMetadata().getOwnerReferences()).orElse(List.of()));
    }

    /** Beta is wanted and not live yet: one step of its staged rollout. */
    private void rollOutBeta(StackWiring wiring, Overlays overlays, OwnerReference owner) {
      EffectiveService betaConfig = wiring.withScrapeConfig(Layering.layer(service, stack, Channel.BETA, overlays));
      EffectiveService stableConfig = wiring.withScrapeConfig(Layering.layer(service, stack, Channel.STABLE, overlays));
      BetaRolloutStep.Step step = BetaRolloutStep.decide(service, stableConfig, betaConfig, owner, previous,
          context.getSecondaryResources(Deployment.class), context.getSecondaryResources(Pod.class), now);
      if (!acceptedByTheApiServer(wiring.objects(step.objects(), betaConfig, owner), step.betaMain().revision())) {
        return;
      }
      rollout = Optional.of(step.plan());
      RenderedService beta = step.betaMain();
      desired = Optional.of(new DesiredRevision(beta.revision(), Channel.BETA.value(), betaConfig.image(),
          betaConfig.replicas()));
      if (step.plan().recordFirst()) {
        // Recorded before it is told or carried out: a restarted operator continues it, never decides it twice.
        ServiceStatus intent = status();
        writeStatusNow(service, intent, context);
        previous = intent;
      }
      operator.signals().announce(service, stack, step.plan().notices(), beta.revision(),
          Optional.of(betaConfig.image()));
      if (step.plan().promoted()) {
        deleteCanary(service, context);
        return;
      }
      if (history.find(beta.revision()).isEmpty() && !step.plan().fellBack()) {
        history = history.recorded(RevisionSnapshots.record(beta, Channel.BETA.value(), betaConfig.image(), now));
      }
      for (var failed : step.plan().quarantine()) {
        history = history.withResult(failed.getRevision(), RevisionRecord.FAILED);
      }
      applyHistory(service, history, stableConfig, configMaps, context);
      List<ClaimBinding.Restored> restored = ProtectedVolumes.restored(betaConfig, claims());
      volumes = Optional.of(ProtectedVolumes.status(betaConfig, restored));
      List<HasMetadata> applied = wiring.objects(ClaimBinding.rebind(step.objects(), restored), betaConfig, owner);
      for (HasMetadata object : applied) {
        applyOne(object, context);
      }
      pollAgain = wiring.exposureWithheld(step.objects());
      pruneStale(applied, pollAgain, context);
      if (step.canary().isEmpty()) {
        deleteCanary(service, context);
      }
      pruneConfigMaps(configMaps, history, step.objects());
    }

    /** The channel's revision on the service's own Deployment, guarded by recovery. */
    private void recover(StackWiring wiring, EffectiveService effective, Channel channel, OwnerReference owner) {
      RenderedService rendered = ServiceRenderer.render(effective, owner);
      DesiredRevision wanted = new DesiredRevision(rendered.revision(), channel.value(), effective.image(),
          effective.replicas());
      if (!acceptedByTheApiServer(wiring.objects(rendered.objects(), effective, owner), wanted.revision())) {
        return;
      }
      desired = Optional.of(wanted);
      var gate = wiring.dependencies();
      boolean newRevision = observed.map(DeploymentObservation::revision).filter(wanted.revision()::equals).isEmpty();
      if (!gate.mayRollOut() && newRevision) {
        // A new revision waits until what it depends on is Ready; what runs keeps running.
        waitingFor = gate.reconcilingMessage();
        pollAgain = true;
        return;
      }
      RecoveryDecision decided = RecoveryDecider.decide(new RecoveryInput(
          wanted,
          observed.map(DeploymentObservation::revision),
          observed.map(DeploymentObservation::image),
          observed.map(d -> HealthAssessor.assess(d.revision(), d, pods(service, context)))
              .orElse(HealthAssessment.progressing("No Deployment yet")),
          Optional.ofNullable(previous.getLastHealthyRevision()),
          Optional.ofNullable(previous.getQuarantine()).orElse(List.of()),
          RecoveryState.from(previous.getRecovery()),
          history.revisions(),
          effective.recovery(),
          Optional.ofNullable(service.getMetadata().getAnnotations()).map(a -> a.get(RETRY_ANNOTATION)),
          now));
      decision = Optional.of(decided);
      List<ClaimObservation> claims = claims();
      List<ClaimBinding.Restored> restored = ProtectedVolumes.restored(effective, claims);
      volumes = Optional.of(ProtectedVolumes.status(effective, restored));
      List<ProtectedVolume> snapshotted = ProtectedVolumes.snapshotted(effective, claims);
      boolean upgrade = decided.target().equals(wanted.revision()) && newRevision
          && observed.filter(live -> !live.image().equals(effective.image())).isPresent();
      if (upgrade && !snapshotted.isEmpty()) {
        // One replica on a single-writer volume stops before its snapshot, so the data is at rest.
        boolean stopFirst = effective.replicas() <= 1
            && "Recreate".equals(rendered.deployment().getSpec().getStrategy().getType());
        SnapshotGate snapshots = dataSafety.beforeUpgrade(service, effective, wanted.revision(), snapshotted, stopFirst,
            pods(service, context).size(), observed.get(), snapshotBlocked(), now);
        if (!snapshots.open()) {
          snapshotGate = Optional.of(snapshots);
          return;
        }
      }
      if (decided.recordFirst()) {
        // Recorded before it is carried out: a restarted operator finishes it, and never does it twice.
        ServiceStatus intent = status();
        writeStatusNow(service, intent, context);
        previous = intent;
        // Told at once, so that an operator stopped right after recording still tells it.
        operator.signals().announce(service, stack, decided, observed.map(DeploymentObservation::image));
      }
      history = historyFor(decided, rendered, wanted, history, now);
      RenderedService target = decided.target().equals(wanted.revision()) ? rendered
          : RevisionSnapshots.restore(rendered, history.find(decided.target()).orElseThrow(), owner);
      if (decided.state().restartedRevision().filter(decided.target()::equals).isPresent()) {
        target = RevisionSnapshots.restarted(target, decided.state().restartedAt().orElseThrow());
      }
      Optional<String> liveRevision = observed.map(DeploymentObservation::revision);
      if (!decided.target().equals(wanted.revision()) && liveRevision.filter(wanted.revision()::equals).isPresent()) {
        // The failed revision is still running: this is the rollback, and the moment to roll the data back too.
        restored = dataSafety.restoreOnRollback(service, effective, wanted.revision(), liveRevision, snapshotted,
            claims, restored);
        volumes = Optional.of(ProtectedVolumes.status(effective, restored));
      }
      target = ClaimBinding.rebind(target, restored);
      applyHistory(service, history, effective, configMaps, context);
      List<HasMetadata> applied = wiring.objects(target.objects(), effective, owner);
      for (HasMetadata object : applied) {
        applyOne(object, context);
      }
      pollAgain = wiring.exposureWithheld(target.objects());
      pruneStale(applied, pollAgain, context);
      pruneConfigMaps(configMaps, history, target.objects());
      if (!decided.recordFirst()) {
        operator.signals().announce(service, stack, decided, observed.map(DeploymentObservation::image));
      }
    }

    private List<ClaimObservation> claims() {
      return DataSafetyStep.claimsOf(service, context.getSecondaryResources(PersistentVolumeClaim.class));
    }

    /** Whether the last status already said the upgrade is blocked by a snapshot, so it is told once. */
    private boolean snapshotBlocked() {
      return Conditions.find(Optional.ofNullable(previous.getConditions()).orElse(List.of()), ConditionType.STALLED.type())
          .filter(c -> "True".equals(c.getStatus()) && SnapshotGate.BLOCKED_REASON.equals(c.getReason()))
          .isPresent();
    }

    /**
     * A revision never applied before is first shown to the API server in a dry run: core/v1 checks
     * what the CRD cannot (tolerations, env sources, quantities, sizes), and a refusal then is an
     * invalid spec like any other, reported in status while what runs keeps running, rather than an
     * apply that fails on every reconcile. A recorded revision was applied once, so it is not asked again.
     */
    private boolean acceptedByTheApiServer(List<HasMetadata> objects, String revision) {
      List<io.stackpilot.validation.Finding> missing = CompanionApi.missing(objects, operator.companionApis()::present);
      if (!missing.isEmpty()) {
        // Told at once when an API appears, unless the operator may not watch for it: then look again.
        report = report.withErrors(missing);
        pollAgain = pollAgain || !operator.companionApis().watched();
        return false;
      }
      if (history.find(revision).isPresent()) {
        return true;
      }
      List<io.stackpilot.validation.Finding> refused = new java.util.ArrayList<>();
      for (HasMetadata object : objects) {
        refusalOf(object, context).ifPresent(refusal -> refused.addAll(RefusedRendering.findings(object, refusal)));
      }
      report = report.withErrors(refused);
      return refused.isEmpty();
    }

    /** The status, computed in one place from everything this pass observed and decided. */
    private ServiceStatus status() {
      return ServiceStatusCalculator.compute(new ServiceObservation(
          service.getMetadata().getGeneration(), report.toStatus(), desired, observed, decision, rollout,
          history.summary(), snapshotGate, waitingFor, volumes, previous), now);
    }

    /** Writes the status if it changed, and says when to look again. */
    UpdateControl<S> finish() {
      ServiceStatus next = status();
      recordTransitions(service, found, next);
      operator.signals().health(service, next.getPhase());
      operator.meters().counter("stackpilot.reconciles", "kind", service.getKind()).increment();
      if (!StatusComparison.same(previous, next)) {
        writeStatusNow(service, next, context);
      }
      UpdateControl<S> control = UpdateControl.noUpdate();
      Optional<java.time.Duration> lookAgain = RequeuePolicy.lookAgain(now, decision.flatMap(RecoveryDecision::wakeAt),
          rollout.flatMap(RolloutPlan::wakeAt), snapshotGate, pollAgain);
      lookAgain.ifPresent(control::rescheduleAfter);
      if (log.isDebugEnabled()) {
        try (var revision = MDC.putCloseable("resource.revision", desired.map(DesiredRevision::revision).orElse(""))) {
          log.debug("observed generation {}, live revision {}, {} error(s); decided {}{}{}{}; phase {}; look again {}",
              service.getMetadata().getGeneration(), observed.map(DeploymentObservation::revision).orElse("none"),
              report.errors().size(), decision.map(d -> "recovery: target " + d.target() + ", "
                  + d.state().state()).orElse("no recovery step"),
              rollout.map(r -> ", beta rollout: " + r.status().getStage()).orElse(""),
              snapshotGate.map(g -> ", snapshots: " + g.step()).orElse(""),
              waitingFor.map(w -> ", waiting: " + w).orElse(""), next.getPhase(),
              lookAgain.map(Object::toString).orElse("on the next event"));
        }
      }
      return control;
    }
  }

  /** The history with the revision about to be applied, and each record's result as recovery sees it. */
  private static RevisionHistory historyFor(RecoveryDecision decided, RenderedService rendered, DesiredRevision wanted,
      RevisionHistory history, Instant now) {
    RevisionHistory next = history;
    if (decided.target().equals(wanted.revision()) && next.find(wanted.revision()).isEmpty()) {
      next = next.recorded(RevisionSnapshots.record(rendered, wanted.channel(), wanted.image(), now));
    }
    for (var quarantined : decided.quarantine()) {
      next = next.withResult(quarantined.getRevision(), RevisionRecord.FAILED);
    }
    if (decided.lastHealthyRevision().isPresent()) {
      next = next.withResult(decided.lastHealthyRevision().get(), RevisionRecord.HEALTHY);
    }
    return next;
  }

  /**
   * Writes status with server-side apply and puts the result in the informer cache at once, so the
   * next reconcile reads what was written even before the watch delivers it: a decision is never
   * taken twice from a stale status.
   */
  private void writeStatusNow(S service, ServiceStatus status, Context<S> context) {
    S fresh = operator.client().getKubernetesSerialization().clone(service);
    fresh.getMetadata().setResourceVersion(null);
    fresh.getMetadata().setManagedFields(null);
    fresh.setStatus(status);
    S written = PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(service, fresh, context);
    service.setStatus(written.getStatus());
    service.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
    operator.writes().record(service.getKind() + "/status");
  }

  private void applyHistory(S service, RevisionHistory history, EffectiveService effective, Set<ConfigMap> configMaps,
      Context<S> context) {
    operator.applier().apply(HistoryStore.render(service, Labels.standard(effective), history),
        configMaps.stream().filter(c -> c.getMetadata().getName().equals(HistoryStore.name(service))).findFirst(),
        context);
  }

  /** The beta canary goes when no rollout needs it: beta failed, was aborted or promoted, or the channel is stable. */
  private void deleteCanary(S service, Context<S> context) {
    String canary = Track.BETA.deploymentName(service.getMetadata().getName());
    context.getSecondaryResources(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(canary))
        .findFirst()
        .ifPresent(d -> {
          operator.client().resource(d).delete();
          operator.writes().record("Deployment/delete");
        });
  }

  /** The Ingress and NetworkPolicy the spec no longer asks for are deleted, once what it asks for is applied. */
  private void pruneStale(List<HasMetadata> applied, boolean exposureWithheld, Context<S> context) {
    List<HasMetadata> owned = new java.util.ArrayList<>();
    owned.addAll(context.getSecondaryResources(Ingress.class));
    owned.addAll(context.getSecondaryResources(NetworkPolicy.class));
    for (HasMetadata stale : StaleObjects.of(owned, applied, exposureWithheld)) {
      operator.client().resource(stale).delete();
      operator.writes().record(stale.getClass().getSimpleName() + "/delete");
    }
  }

  /** Content-addressed ConfigMaps no recorded revision mounts any more are deleted. */
  private void pruneConfigMaps(Set<ConfigMap> cached, RevisionHistory history, List<HasMetadata> applied) {
    Set<String> keep = new java.util.HashSet<>(history.configMapNames());
    applied.stream().filter(ConfigMap.class::isInstance).forEach(c -> keep.add(c.getMetadata().getName()));
    for (ConfigMap map : cached) {
      if (!HistoryStore.isHistory(map) && !keep.contains(map.getMetadata().getName())) {
        operator.client().resource(map).delete();
        operator.writes().record("ConfigMap/delete");
      }
    }
  }

  private static <S extends HasMetadata> List<PodObservation> pods(S service, Context<S> context) {
    return context.getSecondaryResources(Pod.class).stream()
        .filter(p -> p.getMetadata().getLabels() != null
            && service.getMetadata().getName().equals(p.getMetadata().getLabels().get(Labels.INSTANCE))
            && Track.STABLE.value().equals(p.getMetadata().getLabels().get(Labels.TRACK)))
        .map(PodObservation::of)
        .toList();
  }

  private <R extends HasMetadata> void applyOne(R desired, Context<S> context) {
    operator.applier().apply(desired, actual(desired, context), context);
  }

  private <R extends HasMetadata> Optional<io.fabric8.kubernetes.client.KubernetesClientException> refusalOf(R desired,
      Context<S> context) {
    return operator.applier().refusal(desired, actual(desired, context), context);
  }

  /** The object as it is in the cluster: kinds Stackpilot watches from the caches, others (a Traefik Middleware) read. */
  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> Optional<R> actual(R desired, Context<S> context) {
    Class<R> type = (Class<R>) desired.getClass();
    return desired instanceof GenericKubernetesResource
        ? Optional.ofNullable(operator.client().resource(desired).get())
        : context.getSecondaryResources(type).stream()
            .filter(o -> o.getMetadata().getName().equals(desired.getMetadata().getName()))
            .findFirst();
  }

  private void recordTransitions(S service, ServiceStatus previous, ServiceStatus next) {
    String before = previous == null ? null : previous.getPhase();
    if (Objects.equals(before, next.getPhase())) {
      return;
    }
    Phase phase = Phase.parse(next.getPhase());
    switch (phase) {
      case INVALID -> operator.events().record(service, EventRecorder.Type.Warning, "InvalidSpec",
          ValidationSummary.of(next.getValidation()));
      case HEALTHY -> operator.events().record(service, EventRecorder.Type.Normal, "Healthy",
          "Revision " + next.getRevision() + " (" + next.getImage() + ") is live and ready");
      case PROGRESSING -> operator.events().record(service, EventRecorder.Type.Normal, "RollingOut",
          "Rolling out revision " + next.getDesiredRevision());
      default -> { }
    }
  }
}
