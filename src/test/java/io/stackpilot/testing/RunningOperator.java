package io.stackpilot.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stackpilot.operator.OperatorClients;
import io.stackpilot.operator.StackpilotOperator;
import java.time.Duration;
import java.util.Set;

/**
 * The Stackpilot operator running in the test JVM against the local control plane, watching only
 * the test's namespace, with a client whose every request is counted. Close it to stop the
 * operator.
 */
public final class RunningOperator implements AutoCloseable {

  private final KubernetesClient client;
  private final StackpilotOperator operator;
  private final RequestCounter requests = new RequestCounter();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  RunningOperator(TestCluster cluster, Duration resyncPeriod) {
    this(cluster, resyncPeriod, null);
  }

  /**
   * With an identity, it is one of several replicas electing a leader through a Lease in the test's
   * namespace.
   */
  RunningOperator(TestCluster cluster, Duration resyncPeriod, String identity) {
    this.client =
        OperatorClients.builder(cluster.controlPlane().config())
            .withHttpClientBuilderConsumer(
                builder -> builder.addOrReplaceInterceptor("count", requests))
            .build();
    StackpilotOperator.Settings settings =
        StackpilotOperator.settings(client)
            .namespaces(Set.of(cluster.namespace()))
            .resyncPeriod(resyncPeriod)
            .meters(meters);
    if (identity != null) {
      settings.leaderElection(cluster.namespace(), identity, Duration.ofSeconds(6), false);
    }
    this.operator = settings.build().start();
  }

  /** Started, with every controller's caches synced: what /readyz reports. */
  public boolean isReady() {
    return operator.isReady();
  }

  public RequestCounter requests() {
    return requests;
  }

  /** How many reconciles of services have finished, from the operator's own meter. */
  public double reconciles() {
    return meters.find("stackpilot.reconciles").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /** The sum of a meter's counts over all its labels; zero when it was never touched. */
  public double meter(String name) {
    return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  @Override
  public void close() {
    operator.close();
    client.close();
  }
}
