package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.datasafety.SnapshotClassInfo;
import io.stackpilot.wiring.CompanionApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the cluster serves each {@link CompanionApi}, decided from API discovery, and a wake when
 * that changes: one watch per companion CustomResourceDefinition, narrowed to its name, so
 * installing Traefik's CRDs or the snapshot API is noticed at once by the services that wait for
 * it. The VolumeSnapshotClasses themselves are watched too while their API exists: a spec naming a
 * class that is created later, or a class marked default, is then noticed as fast.
 *
 * <p>Watching listed namespaces only, the operator may not watch cluster-scoped objects: the
 * watches are then refused, the answers are kept for {@link #UNWATCHED_TTL} only, and the services
 * that wait for an API look again that often.
 */
final class CompanionApis implements AutoCloseable {

  /** How long an answer holds when no watch would tell of a change. */
  static final Duration UNWATCHED_TTL = Duration.ofSeconds(10);

  /**
   * How soon discovery is asked again when a CRD is Established but discovery does not list its API
   * yet: the API server registers the API a moment after it marks the CRD, and an answer of
   * "absent" kept from that moment would leave the waiting services waiting, with no later event to
   * wake them.
   */
  static final Duration DISCOVERY_LAG_RECHECK = Duration.ofMillis(500);

  private static final Logger log = LoggerFactory.getLogger(CompanionApis.class);

  private record Answer(boolean present, Instant at) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<CompanionApi, Answer> answers = new EnumMap<>(CompanionApi.class);
  private final List<SharedIndexInformer<CustomResourceDefinition>> crdWatches = new ArrayList<>();
  private final Map<CompanionApi, SharedIndexInformer<CustomResourceDefinition>> crdWatchOf =
      new EnumMap<>(CompanionApi.class);
  private final Set<CompanionApi> rechecks = EnumSet.noneOf(CompanionApi.class);
  private final ScheduledExecutorService recheckTimer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "companion-api-recheck");
            thread.setDaemon(true);
            return thread;
          });
  private final List<Consumer<CompanionApi>> listeners = new CopyOnWriteArrayList<>();
  private final SnapshotClassWatch classes;

  /**
   * Until a watch is refused: the chart's cluster-wide role allows them, its namespaced Roles do
   * not.
   */
  private volatile boolean watched = true;

  CompanionApis(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.classes =
        new SnapshotClassWatch(
            client,
            () ->
                listeners.forEach(listener -> listener.accept(CompanionApi.VOLUME_SNAPSHOT_CLASS)));
  }

  /**
   * Starts the watches of the companion CRDs. A refused watch (a Role grants nothing cluster-wide)
   * completes the start all the same: the answers then expire instead.
   */
  List<CompletableFuture<Void>> start() {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    for (CompanionApi api : CompanionApi.values()) {
      SharedIndexInformer<CustomResourceDefinition> informer =
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withField("metadata.name", api.crdName())
              .runnableInformer(0);
      informer.itemStore(TrimmedItemStore.withoutManagedFields());
      informer.addEventHandler(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(CustomResourceDefinition crd) {
              changed(api);
            }

            @Override
            public void onUpdate(CustomResourceDefinition before, CustomResourceDefinition after) {
              if (established(before) != established(after)) {
                changed(api);
              }
            }

            @Override
            public void onDelete(CustomResourceDefinition crd, boolean finalStateUnknown) {
              changed(api);
            }
          });
      crdWatches.add(informer);
      crdWatchOf.put(api, informer);
      started.add(
          informer
              .start()
              .toCompletableFuture()
              .exceptionally(
                  refused -> {
                    unwatched(refused);
                    return null;
                  }));
    }
    return started;
  }

  private void unwatched(Throwable refused) {
    if (watched) {
      watched = false;
      log.info(
          "Not allowed to watch CustomResourceDefinitions ({}): companion APIs are looked up again every {}",
          refused.getMessage(),
          UNWATCHED_TTL);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * The API came, went or changed: forget the answer, follow its classes, and tell the listeners.
   */
  private void changed(CompanionApi api) {
    synchronized (answers) {
      answers.remove(api);
    }
    if (api == CompanionApi.VOLUME_SNAPSHOT_CLASS) {
      followClasses();
    }
    listeners.forEach(listener -> listener.accept(api));
  }

  /**
   * Whether the cluster serves the API now, from discovery; asked again only when a watch says it
   * changed.
   */
  boolean present(CompanionApi api) {
    synchronized (answers) {
      Answer known = answers.get(api);
      Instant now = clock.instant();
      if (known != null
          && (watched || Duration.between(known.at(), now).compareTo(UNWATCHED_TTL) < 0)) {
        return known.present();
      }
      APIResourceList resources = client.getApiResources(api.apiVersion());
      boolean present =
          resources != null
              && resources.getResources().stream()
                  .anyMatch(
                      r -> api.kind().equals(r.getKind()) && api.plural().equals(r.getName()));
      if (!present && watched && establishedNow(api)) {
        recheckSoon(api);
        return false;
      }
      answers.put(api, new Answer(present, now));
      return present;
    }
  }

  /** The watch holds the API's CRD, Established. */
  private boolean establishedNow(CompanionApi api) {
    SharedIndexInformer<CustomResourceDefinition> watch = crdWatchOf.get(api);
    return watch != null && watch.getStore().list().stream().anyMatch(CompanionApis::established);
  }

  /** Asks discovery again shortly, as if the CRD had changed; once per API at a time. */
  private void recheckSoon(CompanionApi api) {
    if (!rechecks.add(api)) {
      return;
    }
    recheckTimer.schedule(
        () -> {
          synchronized (answers) {
            rechecks.remove(api);
          }
          changed(api);
        },
        DISCOVERY_LAG_RECHECK.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * Whether a change of the companion APIs is told at once; else services waiting for one look
   * again.
   */
  boolean watched() {
    return watched;
  }

  /**
   * The cluster's VolumeSnapshotClasses, or empty when the snapshot API is not installed; from the
   * watch of the classes while it runs.
   */
  Optional<List<SnapshotClassInfo>> snapshotClasses() {
    if (!present(CompanionApi.VOLUME_SNAPSHOT_CLASS)) {
      return Optional.empty();
    }
    return classes.classes();
  }

  /** Starts or stops the watch of the classes as their API comes and goes. */
  private void followClasses() {
    try {
      classes.follow(present(CompanionApi.VOLUME_SNAPSHOT_CLASS), watched);
    } catch (KubernetesClientException e) {
      log.warn("Could not look up the snapshot API: {}", e.getMessage());
    }
  }

  void addListener(Consumer<CompanionApi> listener) {
    listeners.add(listener);
  }

  void removeListener(Consumer<CompanionApi> listener) {
    listeners.remove(listener);
  }

  /** Every watch that was allowed has listed once and still runs. */
  boolean synced() {
    return !watched || crdWatches.stream().allMatch(w -> w.isRunning() && w.hasSynced());
  }

  @Override
  public void close() {
    recheckTimer.shutdownNow();
    crdWatches.forEach(SharedIndexInformer::stop);
    classes.close();
  }
}
