package io.stackpilot.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.reconcile.FieldManager;
import io.stackpilot.render.ServiceRenderer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * N simple services (one port, no storage, one replica) spread over a set of fresh namespaces, the
 * three kinds in turn (media, security, monitoring): as services for the operator, or as the very
 * objects it would render, applied by a plain client. Every service carries the same short
 * recovery.failureWindow, which only the time-to-recover scenario ever waits out.
 */
final class Fleet {

  static final String IMAGE = "registry.example/bench/app:1.0.0";
  static final List<Class<? extends StackService>> KINDS =
      List.of(MediaService.class, SecurityService.class, MonitoringService.class);

  private final String prefix;
  private final String[] namespaces;
  private final int size;
  private final String failureWindow;

  Fleet(String prefix, int namespaceCount, int size, Duration failureWindow) {
    this.prefix = prefix;
    this.namespaces = new String[namespaceCount];
    for (int i = 0; i < namespaceCount; i++) {
      namespaces[i] = prefix + "-" + i;
    }
    this.size = size;
    this.failureWindow = failureWindow.toMillis() + "ms";
  }

  String prefix() {
    return prefix;
  }

  Set<String> namespaces() {
    return Set.of(namespaces);
  }

  int size() {
    return size;
  }

  String namespaceOf(int i) {
    return namespaces[i % namespaces.length];
  }

  static String nameOf(int i) {
    return "svc-" + i;
  }

  static Class<? extends StackService> kindOf(int i) {
    return KINDS.get(i % KINDS.size());
  }

  void createNamespaces(KubernetesClient client) {
    for (String ns : namespaces) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .addToLabels("stackpilot.io/bench", "true")
                  .endMetadata()
                  .build())
          .create();
    }
  }

  /** Asks for the namespaces to go, without waiting for them. */
  void deleteNamespaces(KubernetesClient client) {
    for (String ns : namespaces) {
      client.namespaces().withName(ns).delete();
    }
  }

  StackService service(KubernetesClient client, int i) {
    Class<? extends StackService> kind = kindOf(i);
    return client
        .getKubernetesSerialization()
        .unmarshal(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: %s
        metadata:
          name: %s
          namespace: %s
        spec:
          channels:
            stable:
              image: %s
          ports:
            - {name: http, port: 8080}
          recovery:
            failureWindow: %s
        %s"""
                .formatted(
                    kind.getSimpleName(),
                    nameOf(i),
                    namespaceOf(i),
                    IMAGE,
                    failureWindow,
                    categoryBlock(kind)),
            kind);
  }

  /**
   * What each kind requires of its own, and no more: a security service that protects nobody, a
   * monitoring service that scrapes nothing, so that every service renders the same two objects.
   */
  private static String categoryBlock(Class<? extends StackService> kind) {
    if (kind == SecurityService.class) {
      return "  security: {provider: Generic}\n";
    }
    if (kind == MonitoringService.class) {
      return "  monitoring: {role: Uptime}\n";
    }
    return "";
  }

  /** Creates every service, {@code concurrency} at a time. */
  void createServices(KubernetesClient client, int concurrency) throws Exception {
    forEach(concurrency, i -> client.resource(service(client, i)).create());
  }

  /**
   * The lower bound: applies server-side, as the operator does, exactly what ServiceRenderer
   * renders for each service, {@code concurrency} services at a time. The owner reference is left
   * out: there is no MediaService to own the objects, and one naming a missing owner would have
   * them collected.
   */
  void applyRendered(KubernetesClient client, int concurrency) throws Exception {
    OwnerReference nobody =
        new OwnerReferenceBuilder()
            .withApiVersion("stackpilot.io/v1alpha1")
            .withKind(MediaService.class.getSimpleName())
            .withName("none")
            .withUid("00000000-0000-0000-0000-000000000000")
            .withController(true)
            .build();
    forEach(
        concurrency,
        i -> {
          StackService service = service(client, i);
          var effective =
              Layering.layer(service, Optional.empty(), Channel.STABLE, Overlays.none());
          for (HasMetadata object : ServiceRenderer.render(effective, nobody).objects()) {
            object.getMetadata().setOwnerReferences(null);
            client
                .resource(object)
                .fieldManager(FieldManager.NAME)
                .forceConflicts()
                .serverSideApply();
          }
        });
  }

  private void forEach(int concurrency, Consumer<Integer> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        int index = i;
        done.add(pool.submit(() -> work.accept(index)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
