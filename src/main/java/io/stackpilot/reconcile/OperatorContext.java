package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;

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
  private final NameLocks nameLocks = new NameLocks();

  /** @param namespaces the watched namespaces; empty means all */
  public OperatorContext(KubernetesClient client, Clock clock, MeterRegistry meters, Set<String> namespaces) {
    this.client = client;
    this.clock = clock;
    this.meters = meters;
    this.writes = new WriteCounter(meters);
    this.applier = new ServerSideApplier(client, writes);
    this.events = new EventRecorder(client, clock, writes);
    this.factsReader = new ClusterFactsReader(client);
    this.signals = new RecoverySignals(events, new io.stackpilot.monitoring.AlertNotifier(client, meters),
        new io.stackpilot.monitoring.RecoveryMetrics(meters), clock);
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

  EventRecorder events() {
    return events;
  }

  /**
   * Starts what the reconcilers read besides their own caches, the services around each service, and
   * waits until it has synced: call before the controllers start.
   */
  public void start(java.time.Duration timeout) {
    neighbours.start(timeout);
  }

  /** The caches {@link #start} fills have synced and still run. */
  public boolean isSynced() {
    return neighbours.synced();
  }

  /** Stops what runs beside the reconcilers (the alert sender, the caches of the services). */
  public void close() {
    signals.close();
    neighbours.close();
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

  ClusterFactsReader factsReader() {
    return factsReader;
  }
}
