package io.stackpilot.badinput;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Watches the four kinds in a namespace and completes a future when an object reaches a wanted
 * state, so thousands of cases wait for the operator's status without polling the API server once
 * each.
 */
final class StatusWatch implements AutoCloseable {

  private record Waiter(
      Predicate<GenericKubernetesResource> done,
      CompletableFuture<GenericKubernetesResource> future) {}

  private final String namespace;
  private final Map<FuzzKind, SharedIndexInformer<GenericKubernetesResource>> informers =
      new EnumMap<>(FuzzKind.class);
  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

  StatusWatch(KubernetesClient client, String namespace) {
    this.namespace = namespace;
    for (FuzzKind kind : FuzzKind.values()) {
      informers.put(
          kind,
          client
              .genericKubernetesResources(kind.context())
              .inNamespace(namespace)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource object) {
                      offer(kind, object);
                    }

                    @Override
                    public void onUpdate(
                        GenericKubernetesResource old, GenericKubernetesResource object) {
                      offer(kind, object);
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource object, boolean unknown) {}
                  }));
    }
  }

  /**
   * Completes once the object passes {@code done}; register before creating it, so no change is
   * missed.
   */
  CompletableFuture<GenericKubernetesResource> when(
      FuzzKind kind, String name, Predicate<GenericKubernetesResource> done) {
    Waiter waiter = new Waiter(done, new CompletableFuture<>());
    waiters.computeIfAbsent(key(kind, name), k -> new CopyOnWriteArrayList<>()).add(waiter);
    current(kind, name).filter(done).ifPresent(waiter.future()::complete);
    return waiter.future();
  }

  /** The object as last seen, for a report on a case that never got where it should. */
  Optional<GenericKubernetesResource> current(FuzzKind kind, String name) {
    return Optional.ofNullable(informers.get(kind).getStore().getByKey(namespace + "/" + name));
  }

  void forget(FuzzKind kind, String name) {
    waiters.remove(key(kind, name));
  }

  private void offer(FuzzKind kind, GenericKubernetesResource object) {
    List<Waiter> pending = waiters.get(key(kind, object.getMetadata().getName()));
    if (pending == null) {
      return;
    }
    for (Waiter waiter : new ArrayList<>(pending)) {
      if (waiter.done().test(object)) {
        waiter.future().complete(object);
      }
    }
  }

  private static String key(FuzzKind kind, String name) {
    return kind.name() + "/" + name;
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::close);
  }
}
