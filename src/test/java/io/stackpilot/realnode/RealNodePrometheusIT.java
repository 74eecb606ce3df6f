package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.monitoring;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.PodSecurityLevel;
import io.stackpilot.testing.PodSecurityLevel.Level;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Metrics role renders a configuration that a real Prometheus (Debian's build) reads as it
 * starts, with no arguments: it scrapes the selected app (podinfo, metrics on their own port) and
 * says so through its own API, the target up and its series labelled with the service.
 */
@WithLocalCluster
@PodSecurityLevel(Level.RESTRICTED) // every pod here runs Restricted, sidecars included
class RealNodePrometheusIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRealPrometheusReadsTheRenderedConfigurationAndScrapesTheSelectedApp(
      TestCluster cluster, RealNode node) throws Exception {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster.kubectlWithInput(objects(), "apply", "-f", "-").assertSuccess();
      RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(ready(monitoring(cluster, "prometheus")))
                      .as(
                          "prometheus Ready; status: %s",
                          monitoring(cluster, "prometheus").getStatus())
                      .isTrue());

      String expectedUrl =
          "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9797/metrics";
      eventually(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                String body = prometheus(cluster, "/api/v1/targets?state=active");
                JsonNode target = onlyTarget(body);
                assertThat(target.path("labels").path("job").asText())
                    .as("the job of the scraped app, in %s", body)
                    .isEqualTo("MediaService/podinfo");
                assertThat(target.path("scrapeUrl").asText()).isEqualTo(expectedUrl);
                assertThat(target.path("health").asText())
                    .as("target health, last error: %s", target.path("lastError"))
                    .isEqualTo("up");
                System.out.printf(
                    "Prometheus target %s %s health=%s%n",
                    target.path("labels").path("job").asText(),
                    target.path("scrapeUrl").asText(),
                    target.path("health").asText());
              });

      JsonNode up = JSON.readTree(prometheus(cluster, "/api/v1/query?query=up"));
      assertThat(up.path("data").path("result"))
          .as("%s", up)
          .singleElement()
          .satisfies(
              series -> {
                assertThat(series.path("metric").path("service").asText()).isEqualTo("podinfo");
                assertThat(series.path("metric").path("kind").asText()).isEqualTo("MediaService");
                assertThat(series.path("value").get(1).asText()).isEqualTo("1");
              });
      JsonNode requests =
          JSON.readTree(prometheus(cluster, "/api/v1/query?query=process_start_time_seconds"));
      assertThat(requests.path("data").path("result"))
          .as("podinfo's own series, scraped from its metrics port: %s", requests)
          .isNotEmpty();
      assertThat(node.guardDrops()).isZero();
    }
  }

  private static JsonNode onlyTarget(String body) throws Exception {
    JsonNode targets = JSON.readTree(body).path("data").path("activeTargets");
    assertThat(targets).as("active targets in %s", body).hasSize(1);
    return targets.get(0);
  }

  private static String prometheus(TestCluster cluster, String path) {
    return RealNodeServices.request(
        cluster, "http://prometheus." + cluster.namespace() + ".svc.cluster.local:9090" + path);
  }

  private static String objects() {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: podinfo
          labels: {scraped: "yes"}
        spec:
          channels:
            stable: {image: "stackpilot.test/podinfo:healthy"}
          securityProfile: Restricted
          args: [--port=9898, --port-metrics=9797, --level=info]
          ports:
            - {name: http, port: 9898}
            - {name: metrics, port: 9797}
          health:
            http: {path: /readyz, port: http}
            initialDelaySeconds: 1
            periodSeconds: 2
            startup: {timeout: 20s, periodSeconds: 2}
          nodeSelector: {%1$s: real}
          tolerations: [{key: %2$s, operator: Exists, effect: NoSchedule}]
          recovery: {failureWindow: 10s, progressDeadline: 60s}
        ---
        apiVersion: stackpilot.io/v1alpha1
        kind: MonitoringService
        metadata:
          name: prometheus
        spec:
          channels:
            stable: {image: "stackpilot.test/prometheus:debian"}
          ports: [{name: http, port: 9090}]
          volumes: [{name: tsdb, emptyDir: {}}]
          volumeMounts: [{name: tsdb, mountPath: /var/lib/prometheus}]
          monitoring:
            role: Metrics
            scrape:
              selector: {matchLabels: {scraped: "yes"}}
              interval: 2s
          health:
            http: {path: /-/ready, port: http}
            initialDelaySeconds: 1
            periodSeconds: 2
            startup: {timeout: 60s, periodSeconds: 2}
          nodeSelector: {%1$s: real}
          tolerations: [{key: %2$s, operator: Exists, effect: NoSchedule}]
          recovery: {failureWindow: 20s, progressDeadline: 90s}
        """
        .formatted(RealNode.LABEL, RealNode.TAINT);
  }
}
