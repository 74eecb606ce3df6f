package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.lifecycle.ReconcileFailure;
import io.stackpilot.lifecycle.StackStatusCalculator;
import io.stackpilot.validation.SpecReferences;
import io.stackpilot.validation.SpecValidator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Keeps a stack's status current with its members, read from {@link NeighbourCaches} and followed
 * through {@link StackMemberWakes}. The members themselves react to stack changes through their own
 * watch on ServiceStacks; this one only aggregates, and validates the stack's own references.
 */
@ControllerConfiguration(
    name = "servicestack",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrSteeringChanged.class))
public class ServiceStackReconciler implements Reconciler<ServiceStack> {

  private static final Logger log = LoggerFactory.getLogger(ServiceStackReconciler.class);
  private final OperatorContext operator;

  public ServiceStackReconciler(OperatorContext operator) {
    this.operator = operator;
  }

  @Override
  public List<EventSource<?, ServiceStack>> prepareEventSources(
      EventSourceContext<ServiceStack> context) {
    return List.of(
        new StackMemberWakes(operator.neighbours(), context),
        new ReferenceWakes<>(
            operator.referenced(),
            operator.companionApis(),
            namespace -> context.getPrimaryCache().list(namespace),
            () -> context.getPrimaryCache().list(),
            SpecReferences::ofStack));
  }

  @Override
  public UpdateControl<ServiceStack> reconcile(ServiceStack stack, Context<ServiceStack> context) {
    String name = stack.getMetadata().getName();
    List<StackService> members =
        operator.neighbours().of(stack.getMetadata().getNamespace()).services().stream()
            .filter(service -> name.equals(StackMemberWakes.stackOf(service)))
            .toList();
    operator.failures().succeeded(ResourceID.fromResource(stack));
    var validation =
        SpecValidator.validateStack(stack, operator.factsReader().forStack(stack)).toStatus();
    ServiceStackStatus next =
        StackStatusCalculator.compute(
            stack.getMetadata().getGeneration(),
            validation,
            members,
            stack.getStatus(),
            operator.clock().instant());
    if (StatusComparison.same(stack.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    stack.setStatus(next);
    operator.writes().record("ServiceStack/status");
    return UpdateControl.patchStatus(stack);
  }

  /**
   * A stack only reads and writes its status, so what fails is the API server: said in an Event
   * once per cause, and tried again with back-off for as long as it lasts.
   */
  @Override
  public ErrorStatusUpdateControl<ServiceStack> updateErrorStatus(
      ServiceStack stack, Context<ServiceStack> context, Exception error) {
    ResourceID id = ResourceID.fromResource(stack);
    ReconcileFailure failure = ReconcileFailure.of(error);
    ReconcileFailures.Streak streak = operator.failures().failed(id, failure);
    log.atLevel(failure.worthTelling(streak.attempts()) ? Level.WARN : Level.DEBUG)
        .log(
            "Reconcile of ServiceStack {}/{} failed (attempt {}): {}",
            stack.getMetadata().getNamespace(),
            stack.getMetadata().getName(),
            streak.attempts(),
            failure.message(),
            error);
    if (!streak.told()
        && failure.worthTelling(streak.attempts())
        && operator
            .events()
            .record(stack, EventRecorder.Type.Warning, failure.reason(), failure.message())) {
      operator.failures().told(id);
    }
    return ErrorStatusUpdateControl.<ServiceStack>noStatusUpdate()
        .withNoRetry()
        .rescheduleAfter(failure.retryAfter(streak.attempts()));
  }
}
