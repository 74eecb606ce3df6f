package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.lifecycle.FailureConditions;
import io.stackpilot.lifecycle.PhaseEvent;
import io.stackpilot.lifecycle.ReconcileFailure;

/**
 * Writes the status of a service (or a stack, on failure) and tells a service's phase transitions
 * in Events.
 */
final class ServiceStatusWriter {

  private final OperatorContext operator;

  ServiceStatusWriter(OperatorContext operator) {
    this.operator = operator;
  }

  /**
   * Writes status with server-side apply and puts the result in the informer cache at once, so the
   * next reconcile reads what was written even before the watch delivers it: a decision is never
   * taken twice from a stale status.
   */
  <R extends CustomResource<?, T>, T> void writeNow(R service, T status, Context<R> context) {
    R fresh = operator.client().getKubernetesSerialization().clone(service);
    fresh.getMetadata().setResourceVersion(null);
    fresh.getMetadata().setManagedFields(null);
    fresh.setStatus(status);
    R written = PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(service, fresh, context);
    service.setStatus(written.getStatus());
    service.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
    operator.writes().record(service.getKind() + "/status");
  }

  /**
   * The status found, with the failure a reconcile met in its Reconciling or Stalled condition; the
   * rest is kept, observedGeneration included: nothing of the spec was acted on.
   */
  ServiceStatus withFailure(StackService service, ServiceStatus found, ReconcileFailure failure) {
    ServiceStatus status =
        found == null
            ? new ServiceStatus()
            : operator.client().getKubernetesSerialization().clone(found);
    status.setConditions(
        FailureConditions.of(
            status.getConditions(),
            failure,
            service.getMetadata().getGeneration(),
            operator.clock().instant()));
    return status;
  }

  /** The Event a phase transition deserves (see {@link PhaseEvent}). */
  void tellTransition(StackService service, ServiceStatus found, ServiceStatus next) {
    PhaseEvent.of(found, next)
        .ifPresent(
            event ->
                operator
                    .events()
                    .record(
                        service,
                        event.warning() ? EventRecorder.Type.Warning : EventRecorder.Type.Normal,
                        event.reason(),
                        event.message()));
  }
}
