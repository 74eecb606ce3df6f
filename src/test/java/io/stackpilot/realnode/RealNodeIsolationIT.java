package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.devcluster.node.NetworkPolicyAgent;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.realnode.PlainHttp.Answer;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An isolated stack's NetworkPolicies enforced by a real policy agent (kube-router) on the real
 * node: a pod the stack does not admit cannot connect to a member, while the member's dependent,
 * the ingress controller (Traefik, in its own namespace, named on the stack) and the stack's
 * Prometheus can. The same stranger reaches an app outside the stack, so what stops it is the
 * policy.
 */
@WithLocalCluster
class RealNodeIsolationIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aStrangerCannotConnectToAnIsolatedServiceItsDependentTheIngressControllerAndPrometheusCan(
      TestCluster cluster, RealNode node) {
    try (EdgeOnTheRealNode edge = EdgeOnTheRealNode.install(cluster, node);
        NetworkPolicyAgent agent = node.enforceNetworkPolicies();
        RunningOperator operator = cluster.startOperator()) {
      cluster.kubectlWithInput(objects(edge.namespace()), "apply", "-f", "-").assertSuccess();
      for (String name : new String[] {"vault", "outside", "consumer"}) {
        RealNodeServices.awaitReady(cluster, name, WAIT);
      }
      eventually(WAIT)
          .until(() -> ServiceQueries.ready(ServiceQueries.monitoring(cluster, "prometheus")));
      Map<String, String> tried = new TreeMap<>();
      String vault = "http://vault." + cluster.namespace() + ".svc.cluster.local:9898/";
      String outside = "http://outside." + cluster.namespace() + ".svc.cluster.local:9898/";

      String stranger = RealNodeServices.attempt(cluster, vault);
      tried.put("1 a pod outside the stack -> vault (isolated)", stranger);
      assertThat(stranger).as("%s%n%s", stranger, agent.rules()).doesNotContain("exit=0");
      String control = RealNodeServices.attempt(cluster, outside);
      tried.put("2 the same kind of pod -> outside (no stack)", control);
      assertThat(control).as(control).contains("exit=0");

      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(consumerLog(cluster))
                      .as("the dependent's requests to vault")
                      .contains("reach=ok"));
      tried.put(
          "3 consumer (dependsOn vault) -> vault",
          consumerLog(cluster)
              .lines()
              .filter(l -> l.startsWith("reach="))
              .reduce((a, b) -> b)
              .orElse(""));

      String traefik = edge.address();
      Answer throughTraefik =
          eventually(WAIT)
              .until(
                  () ->
                      PlainHttp.get(
                          traefik, EdgeOnTheRealNode.WEB_PORT, "vault.test", "/", Optional.empty()),
                  a -> a.status() == 200);
      tried.put(
          "4 Traefik (namespace " + edge.namespace() + ") -> vault", throughTraefik.summary());
      assertThat(throughTraefik.body()).contains("\"hostname\"");

      String prometheus = pods(cluster, "prometheus").get(0).getStatus().getPodIP();
      JsonNode target =
          eventually(WAIT)
              .until(
                  () -> vaultTarget(prometheus),
                  t -> t != null && "up".equals(t.path("health").asText()));
      tried.put(
          "5 Prometheus (the stack's Metrics service) -> vault:9797/metrics",
          "health=" + target.path("health").asText());
      tried.forEach(
          (what, answer) -> System.out.printf("[figure] isolation: %s: %s%n", what, answer));
      assertThat(node.guardDrops()).isZero();
    }
  }

  private static JsonNode vaultTarget(String prometheus) throws Exception {
    Answer answer =
        PlainHttp.get(
            prometheus, 9090, "prometheus", "/api/v1/targets?state=active", Optional.empty());
    for (JsonNode target : JSON.readTree(answer.body()).path("data").path("activeTargets")) {
      if (target.path("scrapeUrl").asText().contains("vault.")) {
        return target;
      }
    }
    return null;
  }

  private static String consumerLog(TestCluster cluster) {
    return cluster
        .client()
        .pods()
        .inNamespace(cluster.namespace())
        .withName(pods(cluster, "consumer").get(0).getMetadata().getName())
        .tailingLines(5)
        .getLog();
  }

  /**
   * An isolated stack naming Traefik's namespace and pods as its ingress controller; vault
   * (podinfo, exposed, with a metrics port) in it, its dependent consumer, which asks vault every
   * second and logs whether it got through, and Prometheus scraping vault; outside, another podinfo
   * in no stack.
   */
  private static String objects(String traefikNamespace) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: ServiceStack
        metadata: {name: home}
        spec:
          networkPolicy: Isolate
          isolation:
            ingressController:
              namespace: %3$s
              podSelector: {matchLabels: {app.kubernetes.io/name: traefik}}
        ---
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: vault, labels: {scraped: "yes"}}
        spec:
          stack: home
          channels: {stable: {image: "stackpilot.test/podinfo:healthy"}}
          args: [--port=9898, --port-metrics=9797, --level=info]
          ports: [{name: http, port: 9898}, {name: metrics, port: 9797}]
          expose: {host: vault.test, ingressClassName: %4$s}
          health:
            http: {path: /readyz, port: http}
            initialDelaySeconds: 1
            periodSeconds: 2
            startup: {timeout: 30s, periodSeconds: 2}
          nodeSelector: {%1$s: real}
          tolerations: [{key: %2$s, operator: Exists, effect: NoSchedule}]
        ---
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: consumer}
        spec:
          stack: home
          dependsOn: [{kind: MediaService, name: vault}]
          channels: {stable: {image: "stackpilot.test/busybox:1"}}
          command:
            - /bin/busybox
            - sh
            - -c
            - >-
              while true; do
              if /bin/busybox timeout 3 /bin/busybox wget -q -O /dev/null
              http://vault:9898/; then echo reach=ok; else echo reach=fail; fi;
              /bin/busybox sleep 1; done
          nodeSelector: {%1$s: real}
          tolerations: [{key: %2$s, operator: Exists, effect: NoSchedule}]
        ---
        apiVersion: stackpilot.io/v1alpha1
        kind: MonitoringService
        metadata: {name: prometheus}
        spec:
          stack: home
          channels: {stable: {image: "stackpilot.test/prometheus:debian"}}
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
        ---
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: outside}
        spec:
          channels: {stable: {image: "stackpilot.test/podinfo:healthy"}}
          ports: [{name: http, port: 9898}]
          health:
            http: {path: /readyz, port: http}
            initialDelaySeconds: 1
            periodSeconds: 2
          nodeSelector: {%1$s: real}
          tolerations: [{key: %2$s, operator: Exists, effect: NoSchedule}]
        """
        .formatted(RealNode.LABEL, RealNode.TAINT, traefikNamespace, EdgeOnTheRealNode.CLASS);
  }
}
