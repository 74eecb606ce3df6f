package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stackpilot.api.ServiceKind;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Deployments Stackpilot rendered, of every kind of service, as the service controllers' own
 * caches hold them (each caches only its kind's). Whether a service of another kind holds a name,
 * or held it and was just deleted while the garbage collector has not removed its Deployment yet,
 * is then answered from memory, where it cost a read of the API server for every new service.
 */
final class RenderedDeployments {

  private final List<InformerEventSource<Deployment, ?>> caches = new CopyOnWriteArrayList<>();

  /** Called by each service controller with its Deployment cache. */
  void add(InformerEventSource<Deployment, ?> cache) {
    caches.add(cache);
  }

  /**
   * Whether every kind's cache is there and has synced; not yet in the first moments after start,
   * when the caller reads the API server instead.
   */
  boolean synced() {
    return caches.size() == ServiceKind.values().length
        && caches.stream().allMatch(c -> c.getStatus() == Status.HEALTHY);
  }

  /** The Deployment of this name that any kind's cache holds. */
  Optional<Deployment> named(String namespace, String name) {
    ResourceID id = new ResourceID(name, namespace);
    return caches.stream().map(c -> c.get(id)).flatMap(Optional::stream).findFirst();
  }
}
