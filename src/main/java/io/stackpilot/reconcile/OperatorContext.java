package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.stackpilot.monitoring.AlertNotifier;
import io.stackpilot.monitoring.RecoveryMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the reconcilers share: the client, the clock, the meters and the writers built on them. */
public final class OperatorContext {

  private final KubernetesClient client;
  private final Clock clock;
  private final MeterRegistry meters;
  private final WriteCounter writes;
  private final ServerSideApplier applier;
  private final EventRecorder events;
  private final ClusterFactsReader factsReader;
  private final RecoverySignals signals;
  private final NeighbourCaches neighbours;
  private final ReferencedObjects referenced;
  private final CompanionApis companionApis;
  private final ReconcileFailures failures;
  private final NameLocks nameLocks = new NameLocks();
  private final RenderedDeployments renderedDeployments = new RenderedDeployments();

  /**
   * @param namespaces the watched namespaces; empty means all
   */
  public OperatorContext(
      KubernetesClient client, Clock clock, MeterRegistry meters, Set<String> namespaces) {
    this.client = client;
    this.clock = clock;
    this.meters = meters;
    this.writes = new WriteCounter(meters);
    this.applier = new ServerSideApplier(client, writes);
    this.events = new EventRecorder(client, clock, writes);
    this.referenced = new ReferencedObjects(client, namespaces);
    this.companionApis = new CompanionApis(client, clock);
    this.factsReader = new ClusterFactsReader(referenced, companionApis);
    this.failures = new ReconcileFailures(clock);
    this.signals =
        new RecoverySignals(
            events, new AlertNotifier(client, meters), new RecoveryMetrics(meters), clock);
    this.neighbours = new NeighbourCaches(client, namespaces);
  }

  public KubernetesClient client() {
    return client;
  }

  public Clock clock() {
    return clock;
  }

  public MeterRegistry meters() {
    return meters;
  }

  WriteCounter writes() {
    return writes;
  }

  ServerSideApplier applier() {
    return applier;
  }

  RenderedDeployments renderedDeployments() {
    return renderedDeployments;
  }

  EventRecorder events() {
    return events;
  }

  /**
   * Starts what the reconcilers read besides their own caches (the services around each service,
   * the objects specs name, the companion APIs) and waits until it has synced: call before the
   * controllers start.
   */
  public void start(Duration timeout) {
    List<CompletableFuture<Void>> started = new ArrayList<>(neighbours.start());
    started.addAll(referenced.start());
    started.addAll(companionApis.start());
    try {
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      close();
      throw new IllegalStateException(
          "Could not list and watch what the services read around them", e.getCause());
    } catch (TimeoutException e) {
      close();
      throw new IllegalStateException(
          "The caches of what the services read did not sync within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException(
          "Interrupted while the caches of what the services read synced", e);
    }
  }

  /** The caches {@link #start} fills have synced and still run. */
  public boolean isSynced() {
    return neighbours.synced() && referenced.synced() && companionApis.synced();
  }

  /** Stops what runs beside the reconcilers (the alert sender, the caches of the services). */
  public void close() {
    signals.close();
    neighbours.close();
    referenced.close();
    companionApis.close();
  }

  RecoverySignals signals() {
    return signals;
  }

  NeighbourCaches neighbours() {
    return neighbours;
  }

  NameLocks nameLocks() {
    return nameLocks;
  }

  ReferencedObjects referenced() {
    return referenced;
  }

  CompanionApis companionApis() {
    return companionApis;
  }

  ReconcileFailures failures() {
    return failures;
  }

  ClusterFactsReader factsReader() {
    return factsReader;
  }
}
