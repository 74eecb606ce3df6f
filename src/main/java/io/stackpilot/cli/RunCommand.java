package io.stackpilot.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stackpilot.operator.Endpoints;
import io.stackpilot.operator.LeaseGatedWrites;
import io.stackpilot.operator.LeaseWriteGate;
import io.stackpilot.operator.OperatorClients;
import io.stackpilot.operator.StackpilotOperator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against the cluster of the current kubeconfig or service account. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator.")
public final class RunCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "Namespace to watch; repeat for several. Default: all namespaces.")
  List<String> namespaces = List.of();

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--resync",
      defaultValue = "10m",
      description =
          "Longest time between two reconciles of an unchanged resource (default: ${DEFAULT-VALUE}).",
      converter = DurationConverter.class)
  Duration resync;

  @Option(
      names = "--leader-election-namespace",
      paramLabel = "NAMESPACE",
      description =
          "Elect one active replica through a Lease in this namespace (run two or more for HA)."
              + " Default: no election.")
  String leaseNamespace;

  @Option(
      names = "--threads",
      defaultValue = "10",
      description = "Concurrent reconciles (default: ${DEFAULT-VALUE}).")
  int threads;

  /** The pod name in a cluster (HOSTNAME), else host and process, so two local replicas differ. */
  private static String identity() {
    String host = System.getenv("HOSTNAME");
    return (host == null ? "local" : host) + "-" + ProcessHandle.current().pid();
  }

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var builder = OperatorClients.builder(Config.autoConfigure(null));
    Duration lease = LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
    if (leaseNamespace != null) {
      // A replica frozen while it led must not write once it wakes: another may lead by then.
      LeaseWriteGate gate =
          new LeaseWriteGate(
              leaseNamespace, StackpilotOperator.renewDeadline(lease), System::nanoTime);
      builder.withHttpClientBuilderConsumer(
          http -> http.addOrReplaceInterceptor(LeaseGatedWrites.NAME, new LeaseGatedWrites(gate)));
    }
    KubernetesClient client = builder.build();
    StackpilotOperator.Settings settings =
        StackpilotOperator.settings(client)
            .namespaces(Set.copyOf(namespaces))
            .resyncPeriod(resync)
            .reconcileThreads(threads)
            .meters(metrics);
    if (leaseNamespace != null) {
      settings.leaderElection(leaseNamespace, identity(), lease, true);
    }
    StackpilotOperator operator = settings.build();
    CountDownLatch stopped = new CountDownLatch(1);
    try (Endpoints endpoints = new Endpoints(port, metrics, operator::isReady).start()) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    log.info("Stopping");
                    operator.close();
                    client.close();
                    stopped.countDown();
                  },
                  "stackpilot-shutdown"));
      operator.start();
      log.info(
          "Stackpilot runs, watching {}; endpoints on port {}",
          namespaces.isEmpty() ? "all namespaces" : String.join(", ", namespaces),
          endpoints.port());
      stopped.await();
    }
    return 0;
  }
}
