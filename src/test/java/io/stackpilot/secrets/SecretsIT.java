package io.stackpilot.secrets;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.operator.Endpoints;
import io.stackpilot.operator.OperatorClients;
import io.stackpilot.operator.StackpilotOperator;
import io.stackpilot.testing.CapturedLogs;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 7: the homelab example run with canary secrets (unique random values in every
 * Secret it references: env from secretKeyRef, the TLS certificate, the registry credentials, the
 * alert webhook URLs) and with two literal secrets in a spec, which validation must refuse without
 * quoting. Then every status, every Event, the operator's whole log (captured as its JSON encoder
 * writes it, with Stackpilot and the operator framework at DEBUG, more than a cluster logs by
 * default), every ConfigMap (the gzipped history too), every object the operator rendered, every
 * alert it sent and every line of /metrics is searched for every canary, as written and
 * base64-encoded. None may hold one.
 */
@WithLocalCluster
class SecretsIT {

  private static final Duration SETTLE = Duration.ofSeconds(180);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final String CRASHING = "lscr.io/linuxserver/sonarr:4.0.16-crashloop";

  @Test
  void noSecretValueReachesAStatusEventLogConfigMapRenderedObjectAlertOrMetric(TestCluster cluster)
      throws Exception {
    cluster.installCrds();
    KubernetesClient admin = cluster.client();
    Canaries canaries = new Canaries();
    try (AlertReceiver receiver = new AlertReceiver();
        CapturedLogs logs = CapturedLogs.atDebugLevel()) {
      plantSecrets(cluster, canaries, receiver);
      applyHomelabWithoutItsDemoSecrets(cluster);
      String literalToken = canaries.plant("literal env value in a spec");
      String literalKey = canaries.plant("literal config value in a spec");
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: leaky}
          spec:
            stack: home
            channels: {stable: {image: "lscr.io/linuxserver/bazarr:1.5.2"}}
            ports: [{name: http, port: 6767}]
            env: [{name: API_TOKEN, value: "%s"}]
            config: {SECRET_KEY: "%s"}
          """
                  .formatted(literalToken, literalKey),
              "apply",
              "-f",
              "-")
          .assertSuccess();

      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (KubernetesClient operatorClient =
              OperatorClients.builder(cluster.controlPlane().config()).build();
          StackpilotOperator operator =
              StackpilotOperator.settings(operatorClient)
                  .namespaces(Set.of(cluster.namespace()))
                  .meters(metrics)
                  .build();
          Endpoints endpoints = new Endpoints(0, metrics, operator::isReady).start()) {
        operator.start();
        eventually(SETTLE)
            .untilAsserted(
                () -> {
                  assertThat(services(admin, cluster.namespace()))
                      .filteredOn(s -> !"leaky".equals(s.getMetadata().getName()))
                      .hasSize(7)
                      .allSatisfy(
                          s ->
                              assertThat(ServiceQueries.ready(s))
                                  .as(s.getMetadata().getName())
                                  .isTrue());
                  assertThat(ServiceQueries.phase(ServiceQueries.media(cluster, "leaky")))
                      .isEqualTo("Invalid");
                });
        // A rollback, so the operator reads the alert webhook URLs and sends (and fails to send)
        // alerts.
        cluster
            .kubectl(
                "patch",
                "mediaservice",
                "sonarr",
                "--type=merge",
                "-p",
                "{\"spec\":{\"channels\":{\"stable\":{\"image\":\""
                    + CRASHING
                    + "\"}},\"recovery\":{\"failureWindow\":\"3s\"}}}")
            .assertSuccess();
        eventually(SETTLE)
            .untilAsserted(
                () -> {
                  assertThat(ServiceQueries.phase(ServiceQueries.media(cluster, "sonarr")))
                      .isEqualTo("RolledBack");
                  assertThat(receiver.bodies())
                      .anySatisfy(body -> assertThat(body).contains("RolledBack"));
                });
        // The webhook that cannot be reached has failed by now too: its attempt is counted.
        eventually(SETTLE).until(() -> scrape(endpoints).contains("outcome=\"failed\""));

        Haystack haystack = gather(cluster, logs, scrape(endpoints), receiver);
        assertThat(
                canaries.foundIn(
                    JSON.asJson(
                        admin
                            .secrets()
                            .inNamespace(cluster.namespace())
                            .withName("authelia-secrets")
                            .get())))
            .as("the search finds a canary where one is")
            .isNotEmpty();
        assertThat(canaries.foundIn(JSON.asJson(ServiceQueries.media(cluster, "leaky").getSpec())))
            .as("the literal secrets are in the spec that holds them")
            .hasSize(2);
        assertThat(ServiceQueries.media(cluster, "leaky").getStatus().getValidation().getErrors())
            .extracting(e -> e.getField())
            .contains("spec.env[0].value", "spec.config[SECRET_KEY]");

        List<String> leaks = haystack.leaks(canaries);
        System.out.printf(
            "[figure] secrets: %d canaries planted; searched %s (%.1f MB of text): %d leaks%n",
            canaries.all().size(), haystack.counts(), haystack.characters() / 1e6, leaks.size());
        assertThat(leaks)
            .as("canaries found outside their Secrets and the spec that holds them")
            .isEmpty();
      }
    }
  }

  private static void plantSecrets(TestCluster cluster, Canaries canaries, AlertReceiver receiver) {
    secret(
        cluster,
        "authelia-secrets",
        Map.of(
            "jwt-secret", canaries.plant("authelia-secrets/jwt-secret"),
            "session-secret", canaries.plant("authelia-secrets/session-secret"),
            "storage-encryption-key", canaries.plant("authelia-secrets/storage-encryption-key")));
    secret(cluster, "grafana-admin", Map.of("password", canaries.plant("grafana-admin/password")));
    secret(
        cluster,
        "alerts",
        Map.of(
            "url",
            receiver.url("/hooks/" + canaries.plant("alerts/url (a token in a webhook path)")),
            "broken",
            "http://127.0.0.1:1/hooks/"
                + canaries.plant("alerts/broken (an unreachable webhook)")));
    secret(
        cluster,
        "jellyfin-tls",
        Map.of(
            "tls.crt",
            canaries.plant("jellyfin-tls/tls.crt"),
            "tls.key",
            canaries.plant("jellyfin-tls/tls.key")));
    secret(
        cluster,
        "regcred",
        Map.of(
            ".dockerconfigjson",
            "{\"auths\":{\"registry.home.example\":{\"auth\":\""
                + canaries.plant("regcred/auth")
                + "\"}}}"));
  }

  private static void secret(TestCluster cluster, String name, Map<String, String> values) {
    cluster
        .client()
        .secrets()
        .inNamespace(cluster.namespace())
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withStringData(values)
                .build())
        .create();
  }

  /**
   * The example as a user applies it, with the canary Secrets instead of its demo ones, and more
   * references.
   */
  private static void applyHomelabWithoutItsDemoSecrets(TestCluster cluster) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples/homelab"))) {
      for (Path file :
          files.filter(f -> !f.getFileName().toString().contains("secrets")).sorted().toList()) {
        cluster.kubectl("apply", "-f", file.toString()).assertSuccess();
      }
    }
    cluster
        .kubectl(
            "patch",
            "servicestack",
            "home",
            "--type=merge",
            "-p",
            """
        {"spec": {"base": {"imagePullSecrets": [{"name": "regcred"}]},
                  "alerts": {"webhooks": [
                    {"name": "ops", "urlSecretRef": {"name": "alerts", "key": "url"}, "format": "Generic",
                     "events": ["RolledBack", "Degraded"]},
                    {"name": "broken", "urlSecretRef": {"name": "alerts", "key": "broken"}, "format": "Slack",
                     "events": ["RolledBack"]}]}}}
        """)
        .assertSuccess();
    cluster
        .kubectl(
            "patch",
            "mediaservice",
            "jellyfin",
            "--type=merge",
            "-p",
            "{\"spec\": {\"expose\": {\"tls\": {\"secretName\": \"jellyfin-tls\"}}}}")
        .assertSuccess();
  }

  private static Haystack gather(
      TestCluster cluster, CapturedLogs logs, String metricsText, AlertReceiver receiver) {
    KubernetesClient client = cluster.client();
    String namespace = cluster.namespace();
    Haystack haystack = new Haystack();
    for (HasMetadata resource : resources(client, namespace)) {
      Object status =
          resource instanceof StackService service
              ? service.getStatus()
              : ((ServiceStack) resource).getStatus();
      haystack.add("statuses", name(resource), JSON.asJson(status));
    }
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(event -> haystack.add("Events", name(event), JSON.asJson(event)));
    logs.lines().forEach(line -> haystack.add("log lines", "of the operator", line));
    for (ConfigMap map : client.configMaps().inNamespace(namespace).list().getItems()) {
      haystack.add("ConfigMaps", name(map), JSON.asJson(map) + "\n" + decoded(map));
    }
    List<HasMetadata> rendered = new ArrayList<>();
    rendered.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
    rendered.addAll(client.apps().replicaSets().inNamespace(namespace).list().getItems());
    rendered.addAll(client.pods().inNamespace(namespace).list().getItems());
    rendered.addAll(client.services().inNamespace(namespace).list().getItems());
    rendered.addAll(client.network().v1().ingresses().inNamespace(namespace).list().getItems());
    rendered.addAll(
        client.network().v1().networkPolicies().inNamespace(namespace).list().getItems());
    rendered.addAll(client.persistentVolumeClaims().inNamespace(namespace).list().getItems());
    rendered.forEach(object -> haystack.add("rendered objects", name(object), JSON.asJson(object)));
    metricsText.lines().forEach(line -> haystack.add("metric lines", "of /metrics", line));
    receiver.bodies().forEach(body -> haystack.add("alerts", "received by the webhook", body));
    return haystack;
  }

  private static List<HasMetadata> resources(KubernetesClient client, String namespace) {
    List<HasMetadata> all = new ArrayList<>(services(client, namespace));
    all.addAll(client.resources(ServiceStack.class).inNamespace(namespace).list().getItems());
    return all;
  }

  private static List<StackService> services(KubernetesClient client, String namespace) {
    List<StackService> all = new ArrayList<>();
    all.addAll(client.resources(MediaService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(SecurityService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(MonitoringService.class).inNamespace(namespace).list().getItems());
    return all;
  }

  /** Binary data as text, gunzipped where it is gzip (the revision history is). */
  private static String decoded(ConfigMap map) {
    StringBuilder text = new StringBuilder();
    if (map.getBinaryData() != null) {
      for (String base64 : map.getBinaryData().values()) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
          try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            bytes = in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        text.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
      }
    }
    return text.toString();
  }

  private static String scrape(Endpoints endpoints) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + endpoints.port() + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body();
  }

  private static String name(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
