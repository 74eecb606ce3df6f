package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The services of all three kinds in the watched namespaces, kept by informers that the three
 * service controllers share, so that a reconcile takes its {@link Neighbourhood} from memory.
 * Listing the namespace from the API server instead cost three LISTs per reconcile, each returning
 * the whole namespace: the reads at rest grew with N, and the bytes read with the square of a
 * namespace's size.
 *
 * <p>These informers only feed reads and wake no controller: which neighbour changes wake whom
 * stays with the controllers' own event sources. They are started, and synced, before the
 * controllers, so that no reconcile sees a namespace emptier than it is (a protector missing from
 * it would expose a protected Ingress unprotected). They keep no managedFields, which nothing reads
 * of a neighbour.
 */
public final class NeighbourCaches implements AutoCloseable {

  /**
   * Kinds in the order a {@link Neighbourhood} lists them, each sorted by name as a LIST returns
   * them.
   */
  private static final List<Class<? extends StackService>> KINDS =
      List.of(MediaService.class, SecurityService.class, MonitoringService.class);

  private static final Comparator<StackService> BY_NAME =
      Comparator.comparing(s -> s.getMetadata().getName());

  /**
   * One informer per kind, and per namespace when only some are watched (a Role grants no
   * cluster-wide list).
   */
  private record Source(String namespace, SharedIndexInformer<? extends StackService> informer) {
    boolean covers(String other) {
      return namespace == null || namespace.equals(other);
    }
  }

  private final List<Source> sources = new ArrayList<>();

  /**
   * @param namespaces the watched namespaces; empty means all
   */
  NeighbourCaches(KubernetesClient client, Set<String> namespaces) {
    for (Class<? extends StackService> kind : KINDS) {
      if (namespaces.isEmpty()) {
        sources.add(new Source(null, informer(client, kind, null)));
      } else {
        namespaces.stream()
            .sorted()
            .forEach(ns -> sources.add(new Source(ns, informer(client, kind, ns))));
      }
    }
  }

  private static <S extends StackService> SharedIndexInformer<S> informer(
      KubernetesClient client, Class<S> kind, String namespace) {
    var resources = client.resources(kind);
    SharedIndexInformer<S> informer =
        namespace == null
            ? resources.inAnyNamespace().runnableInformer(0)
            : resources.inNamespace(namespace).runnableInformer(0);
    return informer.itemStore(TrimmedItemStore.withoutManagedFields());
  }

  /** Starts every informer; the returned futures complete once each has listed what exists. */
  List<CompletableFuture<Void>> start() {
    return sources.stream().map(s -> s.informer().start().toCompletableFuture()).toList();
  }

  /** Every informer has listed once and still runs. */
  boolean synced() {
    return sources.stream().allMatch(s -> s.informer().isRunning() && s.informer().hasSynced());
  }

  /**
   * Calls {@code handler} on every change these caches take in, after they have taken it in: a
   * reconcile the handler asks for reads a {@link Neighbourhood} that already holds the change. A
   * handler added after the start first hears of every service there is, as added.
   */
  void addHandler(ResourceEventHandler<StackService> handler) {
    sources.forEach(s -> s.informer().addEventHandler(handler));
  }

  void removeHandler(ResourceEventHandler<StackService> handler) {
    sources.forEach(s -> s.informer().removeEventHandler(handler));
  }

  /** The services of a namespace as the caches hold them now: never to be modified. */
  Neighbourhood of(String namespace) {
    List<StackService> all = new ArrayList<>();
    for (Class<? extends StackService> kind : KINDS) {
      List<StackService> ofKind = new ArrayList<>();
      for (Source source : sources) {
        if (source.informer().getApiTypeClass().equals(kind) && source.covers(namespace)) {
          ofKind.addAll(source.informer().getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
        }
      }
      ofKind.sort(BY_NAME);
      all.addAll(ofKind);
    }
    // A service without a spec (stored before the CRD required one) protects, scrapes and depends
    // on nothing; left in, it would fail the reconcile of every other service of the namespace.
    return new Neighbourhood(
        all.stream().filter(service -> service.serviceSpec() != null).toList());
  }

  @Override
  public void close() {
    sources.forEach(s -> s.informer().stop());
  }
}
