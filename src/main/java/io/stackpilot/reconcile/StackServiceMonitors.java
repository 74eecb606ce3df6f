package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.wiring.CompanionApi;
import io.stackpilot.wiring.StackServiceMonitor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each stack's ServiceMonitor as its spec says, while the cluster serves the Prometheus
 * Operator's API. A stack is reconciled whenever a member's status changes, so what this process
 * last applied or deleted is remembered and only a difference is written: at rest, and through a
 * member's rollout, a stack's ServiceMonitor costs no request. The API appearing wakes every stack
 * ({@link ReferenceWakes}); a stack deleted takes its ServiceMonitor with it (it is the owner).
 */
final class StackServiceMonitors {

  private final OperatorContext operator;
  private final Map<ResourceID, Optional<GenericKubernetesResource>> lastDone =
      new ConcurrentHashMap<>();

  StackServiceMonitors(OperatorContext operator) {
    this.operator = operator;
  }

  void follow(ServiceStack stack, Context<ServiceStack> context) {
    ResourceID id = ResourceID.fromResource(stack);
    if (stack.getMetadata().getDeletionTimestamp() != null) {
      lastDone.remove(id);
      return;
    }
    if (!operator.companionApis().present(CompanionApi.SERVICE_MONITOR)) {
      // Nothing to apply, and nothing left to delete: the API went with its objects.
      lastDone.remove(id);
      return;
    }
    Optional<GenericKubernetesResource> desired =
        StackServiceMonitor.wanted(stack)
            ? Optional.of(StackServiceMonitor.render(stack, OwnerReferences.controllerOf(stack)))
            : Optional.empty();
    if (desired.equals(lastDone.get(id))) {
      return;
    }
    if (desired.isPresent()) {
      operator.applier().apply(desired.get(), Optional.empty(), context);
    } else {
      // Once per process: whether an earlier run or version left one is not known without a read.
      operator
          .client()
          .genericKubernetesResources(
              CompanionApi.SERVICE_MONITOR.apiVersion(), CompanionApi.SERVICE_MONITOR.kind())
          .inNamespace(stack.getMetadata().getNamespace())
          .withName(stack.getMetadata().getName())
          .delete();
    }
    lastDone.put(id, desired);
  }
}
