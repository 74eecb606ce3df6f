package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.lifecycle.FirstStatusHold;
import io.stackpilot.validation.Finding;
import io.stackpilot.wiring.CompanionApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The reconciler every service kind shares. One pass observes ({@link ObservedService}, from the
 * informer caches), decides and acts step by step ({@link BetaChannelStep}, {@link
 * StableChannelStep}, each asking the pure core and handing its {@link ApplyPlan} to the {@link
 * PlanExecutor}), then computes the status once from the {@link PassOutcome}, writes it if it
 * changed, and says when to look again. An invalid spec never touches what is running. See
 * docs/architecture.md.
 */
public abstract class ServiceReconciler<
        S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService>
    implements Reconciler<S> {

  static final String STACK_INDEX = "stackpilot-stack";

  /**
   * Set to a quarantined revision (optionally followed by '.' and anything) to try it once more.
   */
  public static final String RETRY_ANNOTATION = "stackpilot.io/retry";

  private final OperatorContext operator;
  private final FailureReporter failures;
  private final ServiceStatusWriter statusWriter;
  private final PlanExecutor executor;
  private final BetaChannelStep beta;
  private final StableChannelStep stable;

  protected ServiceReconciler(OperatorContext operator) {
    this.operator = operator;
    this.failures = new FailureReporter(operator);
    this.statusWriter = new ServiceStatusWriter(operator);
    this.executor = new PlanExecutor(operator);
    this.beta = new BetaChannelStep(operator, executor, statusWriter);
    this.stable = new StableChannelStep(operator, executor, statusWriter);
  }

  @Override
  public List<EventSource<?, S>> prepareEventSources(EventSourceContext<S> context) {
    return ServiceEventSources.of(operator, context);
  }

  @Override
  public UpdateControl<S> reconcile(S service, Context<S> context) {
    // The operator framework puts the resource's kind, namespace and name in the MDC of the
    // reconcile.
    try (var held =
        operator
            .nameLocks()
            .hold(service.getMetadata().getNamespace(), service.getMetadata().getName())) {
      ObservedService<S> observed = ObservedService.observe(operator, service, context);
      PassOutcome outcome = PassOutcome.start(observed);
      if (outcome.valid()) {
        outcome = decideAndAct(observed, outcome);
      }
      UpdateControl<S> control = report(observed, outcome);
      failures.succeeded(service);
      return control;
    }
  }

  /**
   * A reconcile threw: the status and an Event say what failed and what is awaited or to be done,
   * and it is tried again with back-off for as long as the cause lasts (see {@link
   * FailureReporter}).
   */
  @Override
  public ErrorStatusUpdateControl<S> updateErrorStatus(
      S service, Context<S> context, Exception error) {
    return failures.failed(
        service,
        error,
        failure ->
            statusWriter.writeNow(
                service, statusWriter.withFailure(service, service.getStatus(), failure), context));
  }

  /**
   * The steps of a valid spec: the name is ours, beta rolls out when selected, then the channel's
   * revision.
   */
  private PassOutcome decideAndAct(ObservedService<S> observed, PassOutcome outcome) {
    Optional<Finding> taken = executor.nameTaken(observed);
    if (taken.isPresent()) {
      // Nor does the garbage collector removing the other owner's objects wake this one: look
      // again.
      return outcome.refused(List.of(taken.get()), true);
    }
    S service = observed.service();
    Channel channel = Layering.selectedChannel(service.serviceSpec(), observed.stack());
    OwnerReference owner = OwnerReferences.controllerOf(service);
    StackWiring wiring =
        new StackWiring(
            service,
            observed.stack(),
            observed.neighbourhood(),
            operator.companionApis().present(CompanionApi.SERVICE_MONITOR));
    Overlays overlays = wiring.overlays();
    if (channel == Channel.BETA) {
      outcome = beta.run(observed, wiring, overlays, owner, outcome);
    } else {
      executor.deleteCanary(observed);
    }
    if (!outcome.valid() || outcome.rollout().filter(rollout -> !rollout.promoted()).isPresent()) {
      return outcome;
    }
    return stable.run(
        observed,
        wiring,
        wiring.withRoleConfig(Layering.layer(service, observed.stack(), channel, overlays)),
        channel,
        owner,
        outcome);
  }

  /**
   * Where a new service's first status hold starts: when its objects were first applied (this pass,
   * or when its Deployment was created), or, before that, when the service was created. Under load
   * a service may wait in the queue for longer than the hold, and the pass that creates its
   * Deployment would otherwise write a Pending status that its next pass overwrites.
   */
  private static Instant holdSince(ObservedService<?> observed, PassOutcome outcome) {
    return outcome
        .firstApplied()
        .or(
            () ->
                observed
                    .deploymentNamed(observed.name())
                    .map(d -> d.getMetadata().getCreationTimestamp())
                    .map(Instant::parse))
        .or(
            () ->
                Optional.ofNullable(observed.service().getMetadata().getCreationTimestamp())
                    .map(Instant::parse))
        .orElse(Instant.EPOCH);
  }

  /** The status computed once from the outcome, written if it changed; and when to look again. */
  private UpdateControl<S> report(ObservedService<S> observed, PassOutcome outcome) {
    S service = observed.service();
    ServiceStatus next = outcome.status(observed);
    Optional<Duration> held =
        FirstStatusHold.remaining(
            observed.found(), next, holdSince(observed, outcome), observed.now());
    operator.signals().health(service, next.getPhase());
    operator.meters().counter("stackpilot.reconciles", "kind", service.getKind()).increment();
    if (held.isEmpty()) {
      statusWriter.tellTransition(service, observed.found(), next);
      if (!StatusComparison.same(outcome.intent(), next)) {
        statusWriter.writeNow(service, next, observed.context());
      }
    }
    Optional<Duration> lookAgain = earlier(outcome.lookAgain(observed), held);
    DecisionLog.decided(observed, outcome, next, lookAgain);
    UpdateControl<S> control = UpdateControl.noUpdate();
    lookAgain.ifPresent(control::rescheduleAfter);
    return control;
  }

  private static Optional<Duration> earlier(Optional<Duration> one, Optional<Duration> other) {
    if (one.isEmpty()) {
      return other;
    }
    return other.filter(o -> o.compareTo(one.get()) < 0).or(() -> one);
  }
}
