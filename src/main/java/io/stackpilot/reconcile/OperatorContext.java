package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

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

  public OperatorContext(KubernetesClient client, Clock clock, MeterRegistry meters) {
    this.client = client;
    this.clock = clock;
    this.meters = meters;
    this.writes = new WriteCounter(meters);
    this.applier = new ServerSideApplier(client, writes);
    this.events = new EventRecorder(client, clock, writes);
    this.factsReader = new ClusterFactsReader(client);
    this.signals = new RecoverySignals(events, new io.stackpilot.monitoring.AlertNotifier(client, meters),
        new io.stackpilot.monitoring.RecoveryMetrics(meters), clock);
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

  /** Stops what runs beside the reconcilers (the alert sender). */
  public void close() {
    signals.close();
  }

  RecoverySignals signals() {
    return signals;
  }

  ClusterFactsReader factsReader() {
    return factsReader;
  }
}
