package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.health.HealthAssessment;
import io.stackpilot.health.HealthAssessor;
import io.stackpilot.health.PodObservation;
import io.stackpilot.lifecycle.RecoveryDecider;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.lifecycle.RecoveryInput;
import io.stackpilot.lifecycle.RecoveryState;
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
import java.time.Duration;
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
import io.stackpilot.wiring.DependencyGateResult;
import io.stackpilot.lifecycle.Phase;
import io.stackpilot.lifecycle.ServiceObservation;
import io.stackpilot.lifecycle.ServiceStatusCalculator;
import io.stackpilot.render.Labels;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import io.stackpilot.validation.SpecValidator;
import io.stackpilot.validation.SpecReferences;
import io.stackpilot.validation.ValidationReport;
import io.stackpilot.wiring.CompanionApi;
import io.stackpilot.lifecycle.FailureConditions;
import io.stackpilot.lifecycle.ReconcileFailure;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
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
  /**
   * How often to look again while waiting for another service: a dependency's or a protector's
   * readiness wakes the services waiting for it ({@link PeerWakes}), and this looks again in case that
   * wake came while this reconcile was still running.
   */
  private static final Duration WAITING_POLL = Duration.ofSeconds(3);
  /** A blocked snapshot is retried by deleting it, which no watch here sees: look again now and then. */
  private static final Duration BLOCKED_POLL = Duration.ofSeconds(30);
  /** Set to a quarantined revision (optionally followed by '.' and anything) to try it once more. */
  public static final String RETRY_ANNOTATION = "stackpilot.io/retry";

  private final OperatorContext operator;
  private final DataSafetyStep dataSafety;

  protected ServiceReconciler(OperatorContext operator) {
    this.operator = operator;
    this.dataSafety = new DataSafetyStep(operator);
  }

  @Override
  public List<EventSource<?, S>> prepareEventSources(EventSourceContext<S> context) {
    Class<S> kind = context.getPrimaryResourceClass();
    context.getPrimaryCache().addIndexer(STACK_INDEX, service -> {
      String stack = service.serviceSpec() == null ? null : service.serviceSpec().getStack();
      return stack == null ? List.of() : List.of(stack + "/" + service.getMetadata().getNamespace());
    });
    InformerEventSource<ServiceStack, S> stacks = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(ServiceStack.class, kind)
            .withItemStore(TrimmedItemStore.withoutManagedFields(context))
            .withSecondaryToPrimaryMapper((ServiceStack stack) -> context.getPrimaryCache()
                .byIndex(STACK_INDEX, stack.getMetadata().getName() + "/" + stack.getMetadata().getNamespace())
                .stream().map(ResourceID::fromResource).collect(java.util.stream.Collectors.toSet()))
            .withPrimaryToSecondaryMapper((S service) -> service.serviceSpec() == null || service.serviceSpec().getStack() == null ? Set.of()
                : Set.of(new ResourceID(service.serviceSpec().getStack(), service.getMetadata().getNamespace())))
            .build(), context);
    return List.of(
        new PeerWakes<>(operator.neighbours(), context),
        owned(Deployment.class, kind, context),
        owned(Service.class, kind, context),
        owned(ConfigMap.class, kind, context),
        owned(Ingress.class, kind, context),
        owned(NetworkPolicy.class, kind, context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, kind)
            .withLabelSelector(renderedFor(kind))
            .withItemStore(TrimmedItemStore.withoutManagedFields(context))
            .withSecondaryToPrimaryMapper(pod -> byInstanceLabel(pod, kind))
            .build(), context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, kind)
            .withLabelSelector(renderedFor(kind))
            .withItemStore(TrimmedItemStore.keepingOwnEntries(context))
            .withSecondaryToPrimaryMapper(claim -> byInstanceLabel(claim, kind))
            .build(), context),
        stacks,
        new ReferenceWakes<S>(operator.referenced(), operator.companionApis(),
            namespace -> context.getPrimaryCache().list(namespace), () -> context.getPrimaryCache().list(),
            service -> SpecReferences.ofService(service, stackOf(service, stacks))));
  }

  private static <S extends StackService> Optional<ServiceStack> stackOf(S service,
      InformerEventSource<ServiceStack, S> stacks) {
    String stack = service.serviceSpec() == null ? null : service.serviceSpec().getStack();
    return stack == null ? Optional.empty() : stacks.get(new ResourceID(stack, service.getMetadata().getNamespace()));
  }

  private static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> owned(Class<R> type,
      Class<P> kind, EventSourceContext<P> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, kind)
        .withLabelSelector(renderedFor(kind))
        .withItemStore(TrimmedItemStore.keepingOwnEntries(context))
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(kind))
        .build(), context);
  }

  /**
   * What a controller watches of what Stackpilot renders: its own kind's objects only, by the kind label
   * every rendered object carries. Selecting on the manager label alone had each of the three controllers
   * hold, and decode every change of, every Deployment, pod and ConfigMap of all three kinds.
   */
  private static String renderedFor(Class<?> kind) {
    return Labels.MANAGED_BY + "=" + Labels.MANAGER + "," + Labels.KIND + "=" + kind.getSimpleName();
  }

  /** Pods and claims carry the service's name and kind in labels; claims have no owner on purpose. */
  private static Set<ResourceID> byInstanceLabel(HasMetadata object, Class<?> kind) {
    var labels = object.getMetadata().getLabels();
    if (labels == null || !kind.getSimpleName().equals(labels.get(Labels.KIND))) {
      return Set.of();
    }
    String instance = labels.get(Labels.INSTANCE);
    return instance == null ? Set.of() : Set.of(new ResourceID(instance, object.getMetadata().getNamespace()));
  }

  @Override
  public UpdateControl<S> reconcile(S service, Context<S> context) {
    try (var held = operator.nameLocks().hold(service.getMetadata().getNamespace(), service.getMetadata().getName())) {
      Pass pass = new Pass(service, context);
      if (pass.report.isValid()) {
        pass.act();
      }
      UpdateControl<S> control = pass.finish();
      operator.failures().succeeded(ResourceID.fromResource(service))
          .filter(streak -> streak.failure().worthTelling(streak.attempts()))
          .ifPresent(streak -> recovered(service, streak));
      return control;
    }
  }

  /**
   * A reconcile threw: the status and an Event say what failed and what is awaited or to be done (once
   * per cause, not at every retry), and it is tried again with back-off for as long as the cause lasts.
   * The status found is kept but for Reconciling and Stalled, observedGeneration included: nothing of
   * the spec was acted on.
   */
  @Override
  public ErrorStatusUpdateControl<S> updateErrorStatus(S service, Context<S> context, Exception error) {
    ResourceID id = ResourceID.fromResource(service);
    ReconcileFailure failure = ReconcileFailure.of(error);
    ReconcileFailures.Streak streak = operator.failures().failed(id, failure);
    log.atLevel(failure.worthTelling(streak.attempts()) ? Level.WARN : Level.DEBUG)
        .log("Reconcile of {} {}/{} failed (attempt {}): {}", service.getKind(), service.getMetadata().getNamespace(),
            service.getMetadata().getName(), streak.attempts(), failure.message(), error);
    if (!streak.told() && failure.worthTelling(streak.attempts())) {
      try {
        ServiceStatus status = service.getStatus() == null ? new ServiceStatus()
            : operator.client().getKubernetesSerialization().clone(service.getStatus());
        status.setConditions(FailureConditions.of(status.getConditions(), failure,
            service.getMetadata().getGeneration(), operator.clock().instant()));
        writeStatusNow(service, status, context);
        if (operator.events().record(service, EventRecorder.Type.Warning, failure.reason(), failure.message())) {
          operator.failures().told(id);
        }
      } catch (KubernetesClientException | IllegalStateException notWritten) {
        log.debug("Could not report the failure of {} yet: {}", id, notWritten.getMessage());
      }
    }
    return ErrorStatusUpdateControl.<S>noStatusUpdate().withNoRetry()
        .rescheduleAfter(failure.retryAfter(streak.attempts()));
  }

  /** Reconciled after failing: said once, so a failure that could not be told while it lasted is told now. */
  private void recovered(S service, ReconcileFailures.Streak streak) {
    String causes = streak.first().sameAs(streak.failure())
        ? streak.failure().reason() + ": " + streak.failure().message()
        : "first " + streak.first().reason() + ": " + streak.first().message() + "; last "
            + streak.failure().reason() + ": " + streak.failure().message();
    operator.events().record(service, EventRecorder.Type.Normal, "Recovered", "Reconciled again after "
        + streak.attempts() + " failed attempt(s) since " + streak.since() + " (" + causes + ")");
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
          .filter(c -> "True".equals(c.getStatus()) && DataSafetyStep.BLOCKED_REASON.equals(c.getReason()))
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

    private ServiceStatus status() {
      ServiceStatus status = ServiceStatusCalculator.compute(new ServiceObservation(
          service.getMetadata().getGeneration(), report.toStatus(), desired, observed, decision, rollout,
          history.summary(), previous), now);
      List<VolumeStatus> volumeStatus = volumes.orElseGet(previous::getVolumes);
      status.setVolumes(volumeStatus == null || volumeStatus.isEmpty() ? null : volumeStatus);
      snapshotGate.ifPresent(gate -> {
        long generation = service.getMetadata().getGeneration();
        boolean blocked = gate.step() == SnapshotGate.Step.BLOCKED;
        List<io.fabric8.kubernetes.api.model.Condition> conditions = Conditions.replaced(status.getConditions(),
            ConditionType.RECONCILING, !blocked, blocked ? "Idle" : DataSafetyStep.WAITING_REASON,
            blocked ? "Blocked: see Stalled" : gate.message(), generation, now);
        if (blocked) {
          conditions = Conditions.replaced(conditions, ConditionType.STALLED, true, DataSafetyStep.BLOCKED_REASON,
              gate.message(), generation, now);
        }
        status.setConditions(conditions);
      });
      waitingFor.ifPresent(message -> status.setConditions(Conditions.replaced(status.getConditions(),
          ConditionType.RECONCILING, true, DependencyGateResult.REASON, message,
          service.getMetadata().getGeneration(), now)));
      return status;
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
      Optional<Instant> wake = decision.flatMap(RecoveryDecision::wakeAt).or(() -> rollout.flatMap(RolloutPlan::wakeAt));
      Optional<Duration> after = wake.map(at -> Duration.between(now, at).plusMillis(50)).filter(d -> !d.isNegative());
      Optional<Duration> snapshotPoll = snapshotGate.map(gate -> gate.wakeAt()
          .map(at -> Duration.between(now, at).plusMillis(50)).orElse(BLOCKED_POLL));
      (snapshotPoll.isPresent() ? snapshotPoll : after.isPresent() ? after
          : pollAgain ? Optional.of(WAITING_POLL) : Optional.<Duration>empty())
          .ifPresent(control::rescheduleAfter);
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
