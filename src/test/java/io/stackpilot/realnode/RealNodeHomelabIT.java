package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
    Duration withStackpilot;
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
      withStackpilot = Duration.between(applied, Instant.now());
      System.out.printf(
          "[figure] real node: the example stack (7 services) Ready %d ms after the apply%n",
          withStackpilot.toMillis());

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
    Duration raw = renderedObjectsAppliedRaw(cluster);
    System.out.printf(
        "[figure] real node: the same stack's rendered objects applied raw, every Deployment"
            + " Available %d ms after the apply (the lower bound); Stackpilot / lower bound %.2fx%n",
        raw.toMillis(), (double) withStackpilot.toMillis() / raw.toMillis());
  }

  /**
   * The lower bound of the same stack on the real node: the objects Stackpilot applied for it (its
   * Deployments, Services, ConfigMaps and claims, as the API server holds them, without what the
   * server added or owner references to services that are not there), created with the example's
   * own Secrets and claim in a namespace of their own, to every Deployment Available. No
   * dependencies are waited for and no health is judged: the time the node and the control plane
   * need to run these objects at all.
   */
  private static Duration renderedObjectsAppliedRaw(TestCluster cluster) throws Exception {
    String namespace = cluster.namespace() + "-raw";
    KubernetesClient client = cluster.client();
    try {
      List<HasMetadata> objects = new ArrayList<>();
      for (HasMetadata object : load(client, HomelabOnTheRealNode.yaml())) {
        if (!(object.getKind().endsWith("Service") || "ServiceStack".equals(object.getKind()))) {
          objects.add(object);
        }
      }
      String applied = "app.kubernetes.io/managed-by=stackpilot";
      String from = cluster.namespace();
      objects.addAll(
          client
              .apps()
              .deployments()
              .inNamespace(from)
              .withLabelSelector(applied)
              .list()
              .getItems());
      objects.addAll(
          client.services().inNamespace(from).withLabelSelector(applied).list().getItems());
      objects.addAll(
          client
              .configMaps()
              .inNamespace(from)
              .withLabelSelector(applied)
              .list()
              .getItems()
              .stream()
              .filter(c -> !c.getMetadata().getName().endsWith("-history"))
              .toList());
      objects.addAll(
          client
              .persistentVolumeClaims()
              .inNamespace(from)
              .withLabelSelector(applied)
              .list()
              .getItems());
      objects.forEach(RealNodeHomelabIT::asWritten);
      assertThat(objects).extracting(HasMetadata::getKind).contains("Deployment", "Secret");
      long deployments = objects.stream().filter(o -> o instanceof Deployment).count();
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
      Instant applying = Instant.now();
      for (HasMetadata object : objects) {
        object.getMetadata().setOwnerReferences(null);
        object.getMetadata().setNamespace(namespace);
        client.resource(object).inNamespace(namespace).create();
      }
      eventually(WAIT)
          .untilAsserted(
              () -> {
                List<Deployment> running =
                    client.apps().deployments().inNamespace(namespace).list().getItems();
                assertThat(running).hasSize((int) deployments);
                assertThat(running)
                    .allSatisfy(
                        d ->
                            assertThat(d.getStatus().getAvailableReplicas())
                                .as("%s: %s", d.getMetadata().getName(), d.getStatus())
                                .isEqualTo(d.getSpec().getReplicas()));
              });
      return Duration.between(applying, Instant.now());
    } finally {
      // Its pods, claims and volumes go before the node does.
      cluster.kubectl("delete", "namespace", namespace, "--ignore-not-found", "--timeout=180s");
    }
  }

  /** The object as a client would write it: what the API server added taken away. */
  private static void asWritten(HasMetadata object) {
    ObjectMeta live = object.getMetadata();
    Map<String, String> annotations = new TreeMap<>();
    Optional.ofNullable(live.getAnnotations()).orElse(Map.of()).entrySet().stream()
        .filter(a -> !a.getKey().contains("kubernetes.io/"))
        .forEach(a -> annotations.put(a.getKey(), a.getValue()));
    object.setMetadata(
        new ObjectMetaBuilder()
            .withName(live.getName())
            .withLabels(live.getLabels())
            .withAnnotations(annotations)
            .build());
    if (object instanceof Deployment deployment) {
      deployment.setStatus(null);
    } else if (object instanceof io.fabric8.kubernetes.api.model.Service service) {
      service.setStatus(null);
      service.getSpec().setClusterIP(null);
      service.getSpec().setClusterIPs(null);
      service.getSpec().getPorts().forEach(port -> port.setNodePort(null));
    } else if (object instanceof PersistentVolumeClaim claim) {
      claim.setStatus(null);
      claim.getSpec().setVolumeName(null);
    }
  }

  private static List<HasMetadata> load(KubernetesClient client, String yaml) {
    return client
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(Objects::nonNull)
        .toList();
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
