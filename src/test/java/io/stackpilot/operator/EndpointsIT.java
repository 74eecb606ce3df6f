package io.stackpilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The endpoints `stackpilot run` serves, wired as RunCommand wires them (one Prometheus registry
 * for the operator's own meters and JOSDK's), scraped over real HTTP while the operator reconciles.
 */
@WithLocalCluster
class EndpointsIT {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  @Test
  void servesMetricsHealthAndReadinessOfARunningOperator(TestCluster cluster) throws Exception {
    cluster.installCrds();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (KubernetesClient client =
        OperatorClients.builder(cluster.controlPlane().config()).build()) {
      StackpilotOperator operator =
          StackpilotOperator.settings(client)
              .namespaces(Set.of(cluster.namespace()))
              .meters(registry)
              .build();
      // Port 0: the system picks a free one, so parallel runs on one machine cannot collide.
      try (Endpoints endpoints = new Endpoints(0, registry, operator::isReady).start()) {
        String base = "http://127.0.0.1:" + endpoints.port();

        // Before the operator starts the process is alive but not ready: a kubelet must not route
        // to it yet.
        assertThat(get(http, base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(503);

        operator.start();
        try {
          applyMediaService(cluster, "web");
          await()
              .atMost(SETTLE)
              .pollInterval(Duration.ofMillis(200))
              .ignoreExceptions()
              .until(() -> ServiceQueries.ready(ServiceQueries.media(cluster, "web")));

          HttpResponse<String> healthz = get(http, base + "/healthz");
          assertThat(healthz.statusCode()).isEqualTo(200);
          assertThat(healthz.body()).isEqualTo("ok\n");
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(100))
              .ignoreExceptions()
              .untilAsserted(
                  () -> assertThat(get(http, base + "/readyz").statusCode()).isEqualTo(200));

          // Some meters are updated just after the status write that made the service Ready.
          await()
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(200))
              .ignoreExceptions()
              .untilAsserted(
                  () -> {
                    HttpResponse<String> metrics = get(http, base + "/metrics");
                    assertThat(metrics.statusCode()).isEqualTo(200);
                    assertThat(metrics.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
                    assertThat(metrics.body())
                        // Stackpilot's own meters, as Prometheus names them.
                        .contains("stackpilot_reconciles_total{")
                        .contains("stackpilot_writes_total{")
                        .containsPattern("stackpilot_service_health\\{[^}]*service=\"web\"")
                        // JOSDK's (micrometer-support: operator.sdk.*), from the same registry.
                        .contains("operator_sdk_reconciliations_started_total")
                        .contains("operator_sdk_reconciliations_success_total");
                  });
        } finally {
          operator.close();
        }
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void applyMediaService(TestCluster cluster, String name) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %s
        spec:
          channels:
            stable:
              image: lscr.io/linuxserver/sonarr:4.0.15
          ports:
            - {name: http, port: 8080}
          health:
            http: {path: /ping, port: http}
          storage:
            - {name: config, mountPath: /config, size: 1Gi}
        """
                .formatted(name),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
