package io.stackpilot.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.api.MediaService;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The harness's own view of the cluster, by watch rather than polling, so that waiting costs the API
 * server the same in operator rounds and lower-bound rounds: which MediaServices are Ready, which
 * Deployments have all their replicas available, and when a Deployment's pod template takes an image.
 */
final class Watchers implements AutoCloseable {

  private final Map<String, Boolean> readyServices = new ConcurrentHashMap<>();
  private final Map<String, Boolean> availableDeployments = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> awaitedImages = new ConcurrentHashMap<>();
  private final SharedIndexInformer<MediaService> services;
  private final SharedIndexInformer<Deployment> deployments;

  Watchers(KubernetesClient client) {
    services = client.resources(MediaService.class).inAnyNamespace().inform(new Handler<>() {
      @Override
      void seen(MediaService s) {
        readyServices.put(key(s.getMetadata().getNamespace(), s.getMetadata().getName()), ready(s));
      }

      @Override
      void gone(MediaService s) {
        readyServices.remove(key(s.getMetadata().getNamespace(), s.getMetadata().getName()));
      }
    });
    deployments = client.apps().deployments().inAnyNamespace().inform(new Handler<>() {
      @Override
      void seen(Deployment d) {
        long now = System.nanoTime();
        String ns = d.getMetadata().getNamespace();
        availableDeployments.put(key(ns, d.getMetadata().getName()), available(d));
        CompletableFuture<Long> waiting = awaitedImages.remove(key(ns, image(d)));
        if (waiting != null) {
          waiting.complete(now);
        }
      }

      @Override
      void gone(Deployment d) {
        availableDeployments.remove(key(d.getMetadata().getNamespace(), d.getMetadata().getName()));
      }
    });
  }

  /** Ready=True MediaServices in these namespaces. */
  long readyServices(Set<String> namespaces) {
    return count(readyServices, namespaces);
  }

  /** Deployments in these namespaces whose current generation has all replicas updated and available. */
  long availableDeployments(Set<String> namespaces) {
    return count(availableDeployments, namespaces);
  }

  /** Completes with System.nanoTime() of the watch event in which a Deployment in ns first runs the image. */
  CompletableFuture<Long> awaitImage(String namespace, String image) {
    return awaitedImages.computeIfAbsent(key(namespace, image), k -> new CompletableFuture<>());
  }

  private static long count(Map<String, Boolean> states, Collection<String> namespaces) {
    return states.entrySet().stream()
        .filter(e -> e.getValue() && namespaces.contains(e.getKey().substring(0, e.getKey().indexOf('/'))))
        .count();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static boolean ready(MediaService s) {
    return s.getStatus() != null && s.getStatus().getConditions() != null && s.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean available(Deployment d) {
    if (d.getStatus() == null || d.getSpec() == null) {
      return false;
    }
    int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    var status = d.getStatus();
    return Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration())
        && Objects.requireNonNullElse(status.getUpdatedReplicas(), 0) >= wanted
        && Objects.requireNonNullElse(status.getAvailableReplicas(), 0) >= wanted;
  }

  private static String image(Deployment d) {
    var containers = d.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() ? "" : containers.get(0).getImage();
  }

  @Override
  public void close() {
    services.close();
    deployments.close();
  }

  private abstract static class Handler<T> implements ResourceEventHandler<T> {
    abstract void seen(T object);

    abstract void gone(T object);

    @Override
    public void onAdd(T object) {
      seen(object);
    }

    @Override
    public void onUpdate(T before, T after) {
      seen(after);
    }

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {
      gone(object);
    }
  }
}
