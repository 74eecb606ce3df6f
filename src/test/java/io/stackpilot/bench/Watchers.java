package io.stackpilot.bench;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.api.StackService;
import io.stackpilot.render.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The harness's own view of the cluster, by watch rather than polling, so that waiting costs the
 * API server the same in operator rounds and lower-bound rounds: which services are Ready (and on
 * which image), which Deployments have all their replicas available, when a Deployment's pod
 * template takes an image, and, for services being tracked through a failure, when their pods first
 * show a crash and how their Deployment changes.
 */
final class Watchers implements AutoCloseable {

  /** What the harness needs of a service's status. */
  record ServiceState(boolean ready, String image, String phase) {}

  /**
   * One watch event of a tracked Deployment: when it arrived, and what the Deployment then said.
   */
  record DeploymentEvent(long nanos, String image, boolean available) {}

  private final KubernetesClient client;
  private final Map<String, ServiceState> services = new ConcurrentHashMap<>();
  private final Map<String, Boolean> availableDeployments = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> awaitedImages = new ConcurrentHashMap<>();
  private final Map<String, List<DeploymentEvent>> trackedDeployments = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> firstCrashByImage = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Pod> pods;

  Watchers(KubernetesClient client) {
    this.client = client;
    for (Class<? extends StackService> kind : Fleet.KINDS) {
      informers.add(informServices(kind));
    }
    informers.add(
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .inform(
                new Handler<>() {
                  @Override
                  void seen(Deployment d) {
                    long now = System.nanoTime();
                    String key = key(d.getMetadata().getNamespace(), d.getMetadata().getName());
                    boolean available = available(d);
                    availableDeployments.put(key, available);
                    CompletableFuture<Long> waiting =
                        awaitedImages.remove(key(d.getMetadata().getNamespace(), image(d)));
                    if (waiting != null) {
                      waiting.complete(now);
                    }
                    List<DeploymentEvent> log = trackedDeployments.get(key);
                    if (log != null) {
                      synchronized (log) {
                        log.add(new DeploymentEvent(now, image(d), available));
                      }
                    }
                  }

                  @Override
                  void gone(Deployment d) {
                    availableDeployments.remove(
                        key(d.getMetadata().getNamespace(), d.getMetadata().getName()));
                  }
                }));
  }

  private <S extends StackService> SharedIndexInformer<S> informServices(Class<S> kind) {
    return client
        .resources(kind)
        .inAnyNamespace()
        .inform(
            new Handler<>() {
              @Override
              void seen(S s) {
                var status = s.getStatus();
                services.put(
                    key(s.getMetadata().getNamespace(), s.getMetadata().getName()),
                    new ServiceState(
                        ready(s),
                        status == null ? null : status.getImage(),
                        status == null ? null : status.getPhase()));
              }

              @Override
              void gone(S s) {
                services.remove(key(s.getMetadata().getNamespace(), s.getMetadata().getName()));
              }
            });
  }

  /** Ready=True services of any kind in these namespaces. */
  long readyServices(Set<String> namespaces) {
    return services.entrySet().stream()
        .filter(e -> e.getValue().ready() && namespaces.contains(namespaceOf(e.getKey())))
        .count();
  }

  /** What the harness last saw of a service's status. */
  Optional<ServiceState> service(String namespace, String name) {
    return Optional.ofNullable(services.get(key(namespace, name)));
  }

  /**
   * Deployments in these namespaces whose current generation has all replicas updated and
   * available.
   */
  long availableDeployments(Set<String> namespaces) {
    return count(availableDeployments, namespaces);
  }

  /**
   * Completes with System.nanoTime() of the watch event in which a Deployment in ns first runs the
   * image.
   */
  CompletableFuture<Long> awaitImage(String namespace, String image) {
    return awaitedImages.computeIfAbsent(key(namespace, image), k -> new CompletableFuture<>());
  }

  /**
   * From now on, keeps every watch event of this Deployment, and the first moment a pod of the
   * service shows a crash, per image; the pod watch starts with the first service tracked.
   */
  synchronized void track(String namespace, String name) {
    trackedDeployments.putIfAbsent(key(namespace, name), new ArrayList<>());
    firstCrashByImage.putIfAbsent(key(namespace, name), new ConcurrentHashMap<>());
    if (pods == null) {
      pods =
          client
              .pods()
              .inAnyNamespace()
              .withLabel(Labels.MANAGED_BY, Labels.MANAGER)
              .inform(
                  new Handler<>() {
                    @Override
                    void seen(Pod pod) {
                      long now = System.nanoTime();
                      String instance = pod.getMetadata().getLabels().get(Labels.INSTANCE);
                      Map<String, Long> crashes =
                          instance == null
                              ? null
                              : firstCrashByImage.get(
                                  key(pod.getMetadata().getNamespace(), instance));
                      if (crashes != null && crashed(pod)) {
                        crashes.putIfAbsent(pod.getSpec().getContainers().get(0).getImage(), now);
                      }
                    }

                    @Override
                    void gone(Pod pod) {}
                  });
    }
  }

  /** The events of a tracked Deployment so far, oldest first. */
  List<DeploymentEvent> deploymentEvents(String namespace, String name) {
    List<DeploymentEvent> log = trackedDeployments.getOrDefault(key(namespace, name), List.of());
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** When a pod of a tracked service running this image was first seen crashing. */
  Optional<Long> firstCrash(String namespace, String name, String image) {
    return Optional.ofNullable(
        firstCrashByImage.getOrDefault(key(namespace, name), Map.of()).get(image));
  }

  /**
   * A container that has terminated at least once, or waits in a crash back-off: the failure is
   * visible.
   */
  private static boolean crashed(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return false;
    }
    for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
      boolean restarted = c.getRestartCount() != null && c.getRestartCount() > 0;
      boolean terminated = c.getLastState() != null && c.getLastState().getTerminated() != null;
      boolean backingOff =
          c.getState() != null
              && c.getState().getWaiting() != null
              && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason());
      if (restarted || terminated || backingOff) {
        return true;
      }
    }
    return false;
  }

  private static long count(Map<String, Boolean> states, Collection<String> namespaces) {
    return states.entrySet().stream()
        .filter(e -> e.getValue() && namespaces.contains(namespaceOf(e.getKey())))
        .count();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String namespaceOf(String key) {
    return key.substring(0, key.indexOf('/'));
  }

  private static boolean ready(StackService s) {
    return s.getStatus() != null
        && s.getStatus().getConditions() != null
        && s.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static boolean available(Deployment d) {
    if (d.getStatus() == null || d.getSpec() == null) {
      return false;
    }
    int wanted = Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
    var status = d.getStatus();
    return Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration())
        && Objects.requireNonNullElse(status.getUpdatedReplicas(), 0) >= wanted
        && Objects.requireNonNullElse(status.getAvailableReplicas(), 0) >= wanted;
  }

  static String image(Deployment d) {
    var containers = d.getSpec().getTemplate().getSpec().getContainers();
    return containers.isEmpty() ? "" : containers.get(0).getImage();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    if (pods != null) {
      pods.close();
    }
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
