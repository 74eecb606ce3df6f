package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's example stack, examples/homelab as it is, on the real node: each app's image
 * replaced by a stand-in that answers its health path on its port (the real images cannot be pulled
 * here), Prometheus by Debian's real one, and the stack's defaults pointed at the real node and its
 * CSI storage. Everything else (profiles, Authelia's users file from a Secret, TLS, claims, forward
 * auth, dependencies, the scrape configuration) is the example's own, and all of it comes up: every
 * service Ready, the protected apps exposed with forward auth, Prometheus scraping Authelia's
 * metrics port.
 */
@WithLocalCluster
class RealNodeHomelabIT {

  private static final Duration WAIT = Duration.ofSeconds(300);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theExampleStackComesUpOnTheRealNodeWithStandIns(TestCluster cluster, RealNode node)
      throws Exception {
    node.storage();
    try (RunningOperator operator = cluster.startOperator()) {
      Instant applied = Instant.now();
      cluster.kubectlWithInput(HomelabOnTheRealNode.yaml(), "apply", "-f", "-").assertSuccess();

      List<Class<? extends StackService>> kinds =
          List.of(MediaService.class, SecurityService.class, MonitoringService.class);
      eventually(WAIT)
          .untilAsserted(
              () -> {
                List<StackService> services = services(cluster, kinds);
                assertThat(services).hasSize(7);
                assertThat(services)
                    .allSatisfy(
                        s ->
                            assertThat(ready(s))
                                .as(
                                    "%s/%s Ready; status: %s",
                                    s.getKind(), s.getMetadata().getName(), s.getStatus())
                                .isTrue());
              });
      System.out.printf(
          "[figure] real node: the example stack (7 services) Ready %d ms after the apply%n",
          Duration.between(applied, Instant.now()).toMillis());

      assertThat(get(cluster, "jellyfin", 8096, "/health")).contains("Healthy");
      assertThat(get(cluster, "sonarr", 8989, "/ping")).contains("Pong");
      eventually(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                Ingress jellyfin =
                    cluster
                        .client()
                        .network()
                        .v1()
                        .ingresses()
                        .inNamespace(cluster.namespace())
                        .withName("jellyfin")
                        .get();
                assertThat(jellyfin).as("jellyfin's Ingress, once Authelia is Ready").isNotNull();
                assertThat(jellyfin.getMetadata().getAnnotations())
                    .as("forward auth to Authelia")
                    .containsKey("nginx.ingress.kubernetes.io/auth-url");
                assertThat(jellyfin.getSpec().getTls().get(0).getSecretName())
                    .isEqualTo("home-example-tls");
              });
      eventually(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                String body = get(cluster, "prometheus", 9090, "/api/v1/targets?state=active");
                JsonNode targets = JSON.readTree(body).path("data").path("activeTargets");
                assertThat(targets)
                    .as("Prometheus's targets: %s", body)
                    .anySatisfy(
                        t -> {
                          assertThat(t.path("labels").path("job").asText())
                              .isEqualTo("SecurityService/authelia");
                          assertThat(t.path("health").asText()).isEqualTo("up");
                        });
              });
      assertThat(node.guardDrops()).isZero();
    }
  }

  private static List<StackService> services(
      TestCluster cluster, List<Class<? extends StackService>> kinds) {
    List<StackService> all = new ArrayList<>();
    for (Class<? extends StackService> kind : kinds) {
      all.addAll(
          cluster.client().resources(kind).inNamespace(cluster.namespace()).list().getItems());
    }
    return all;
  }

  private static String get(TestCluster cluster, String service, int port, String path) {
    return RealNodeServices.request(
        cluster,
        "http://" + service + "." + cluster.namespace() + ".svc.cluster.local:" + port + path);
  }
}
