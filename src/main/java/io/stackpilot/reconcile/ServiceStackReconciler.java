package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.lifecycle.FailureConditions;
import io.stackpilot.lifecycle.StackStatusCalculator;
import io.stackpilot.validation.SpecReferences;
import io.stackpilot.validation.SpecValidator;
import java.util.List;

/**
 * Keeps a stack's status current with its members, read from {@link NeighbourCaches} and followed
 * through {@link StackMemberWakes}. The members themselves react to stack changes through their own
 * watch on ServiceStacks; this one aggregates, validates the stack's own references, and keeps the
 * stack's ServiceMonitor ({@link StackServiceMonitors}).
 */
@ControllerConfiguration(
    name = "servicestack",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrSteeringChanged.class))
public class ServiceStackReconciler implements Reconciler<ServiceStack> {

  private final OperatorContext operator;
  private final FailureReporter failures;
  private final ServiceStatusWriter statusWriter;
  private final StackServiceMonitors serviceMonitors;

  public ServiceStackReconciler(OperatorContext operator) {
    this.operator = operator;
    this.serviceMonitors = new StackServiceMonitors(operator);
    this.failures = new FailureReporter(operator);
    this.statusWriter = new ServiceStatusWriter(operator);
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
    serviceMonitors.follow(stack, context);
    failures.succeeded(stack);
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
   * A stack reads and writes its status and its ServiceMonitor, so what fails is the API server:
   * said in the status and an Event once per cause, and tried again with back-off for as long as it
   * lasts (see {@link FailureReporter}).
   */
  @Override
  public ErrorStatusUpdateControl<ServiceStack> updateErrorStatus(
      ServiceStack stack, Context<ServiceStack> context, Exception error) {
    return failures.failed(
        stack,
        error,
        failure -> {
          ServiceStackStatus status =
              stack.getStatus() == null
                  ? new ServiceStackStatus()
                  : operator.client().getKubernetesSerialization().clone(stack.getStatus());
          status.setConditions(
              FailureConditions.of(
                  status.getConditions(),
                  failure,
                  stack.getMetadata().getGeneration(),
                  operator.clock().instant()));
          statusWriter.writeNow(stack, status, context);
        });
  }
}
