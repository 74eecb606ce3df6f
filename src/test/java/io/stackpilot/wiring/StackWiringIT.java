package io.stackpilot.wiring;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.deployment;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.Stacks;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stack as a whole on a real control plane: dependencies, stack health, security and monitoring
 * wiring.
 */
@WithLocalCluster
class StackWiringIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void dependentWaitsForItsDependencyThenRollsOut(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          mediaYaml(
              "sonarr",
              "lscr.io/linuxserver/sonarr:4.0.15",
              "dependsOn: [{kind: MediaService, name: prowlarr}]"));

      eventually(WAIT)
          .untilAsserted(
              () -> {
                var sonarr = media(cluster, "sonarr");
                assertThat(condition(sonarr, "Reconciling").getReason())
                    .isEqualTo("WaitingForDependencies");
                assertThat(condition(sonarr, "Reconciling").getMessage())
                    .contains("MediaService/prowlarr");
              });
      assertThat(deployment(cluster, "sonarr"))
          .as("nothing rolls out before prowlarr is Ready")
          .isNull();

      apply(cluster, mediaYaml("prowlarr", "lscr.io/linuxserver/prowlarr:1.37.0", ""));

      eventually(WAIT)
          .until(() -> ready(media(cluster, "prowlarr")) && ready(media(cluster, "sonarr")));
    }
  }

  @Test
  void dependencyCycleIsReportedAsInvalid(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          mediaYaml(
              "sonarr",
              "lscr.io/linuxserver/sonarr:4.0.15",
              "dependsOn: [{kind: MediaService, name: radarr}]"));
      apply(
          cluster,
          mediaYaml(
              "radarr",
              "lscr.io/linuxserver/radarr:5.26.2",
              "dependsOn: [{kind: MediaService, name: sonarr}]"));

      eventually(WAIT)
          .untilAsserted(
              () -> {
                var radarr = media(cluster, "radarr");
                assertThat(radarr.getStatus().getPhase()).isEqualTo("Invalid");
                assertThat(radarr.getStatus().getValidation().getErrors())
                    .anySatisfy(
                        e ->
                            assertThat(e.getMessage())
                                .contains("MediaService/radarr")
                                .contains("MediaService/sonarr"));
              });
    }
  }

  @Test
  void stackCountsItsMembersThroughAFailureAndARecovery(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {}\n");
      apply(cluster, mediaYaml("prowlarr", "lscr.io/linuxserver/prowlarr:1.37.0", "stack: home"));
      apply(cluster, mediaYaml("sonarr", "lscr.io/linuxserver/sonarr:4.0.15", "stack: home"));
      eventually(WAIT).until(() -> "2/2".equals(Stacks.home(cluster).getStatus().getReady()));

      apply(
          cluster,
          mediaYaml("sonarr", "lscr.io/linuxserver/sonarr:4.0.16-crashloop", "stack: home"));
      eventually(WAIT)
          .untilAsserted(
              () -> {
                var status = Stacks.home(cluster).getStatus();
                assertThat(status.getDegraded()).containsExactly("MediaService/sonarr");
                assertThat(status.getDegradedCount()).isEqualTo(1);
                assertThat(status.getReady()).isEqualTo("1/2");
                assertThat(status.getPhases())
                    .containsEntry("RolledBack", 1)
                    .containsEntry("Healthy", 1);
              });

      apply(cluster, mediaYaml("sonarr", "lscr.io/linuxserver/sonarr:4.0.17", "stack: home"));
      eventually(WAIT)
          .untilAsserted(
              () -> {
                var status = Stacks.home(cluster).getStatus();
                assertThat(status.getReady()).isEqualTo("2/2");
                assertThat(status.getDegradedCount()).isZero();
                assertThat(status.getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("Ready");
                          assertThat(c.getStatus()).isEqualTo("True");
                        });
              });
    }
  }

  @Test
  void stackWhoseLastMemberGoesCountsNone(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {}\n");
      apply(cluster, mediaYaml("prowlarr", "lscr.io/linuxserver/prowlarr:1.37.0", "stack: home"));
      eventually(WAIT).until(() -> "1/1".equals(Stacks.home(cluster).getStatus().getReady()));

      cluster.kubectl("delete", "mediaservice", "prowlarr").assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () -> {
                var status = Stacks.home(cluster).getStatus();
                assertThat(status.getReady()).isEqualTo("0/0");
                assertThat(status.getServices()).isZero();
              });
    }
  }

  @Test
  void protectedServiceIsExposedOnlyOnceItsSecurityServiceIsReadyWithForwardAuth(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectl("apply", "-f", "src/test/resources/wiring/traefik-middleware-crd.yaml")
          .assertSuccess();
      apply(cluster, authelia("ghcr.io/authelia/authelia:4.39.4-badpull"));
      apply(cluster, protectedMedia("sonarr", "nginx"));
      apply(cluster, protectedMedia("radarr", "traefik"));
      eventually(WAIT)
          .until(() -> ready(media(cluster, "sonarr")) && ready(media(cluster, "radarr")));
      assertThat(ingress(cluster, "sonarr")).as("no Ingress while authelia is not Ready").isNull();
      assertThat(ingress(cluster, "radarr")).isNull();

      apply(cluster, authelia("ghcr.io/authelia/authelia:4.39.4"));

      eventually(WAIT)
          .untilAsserted(
              () -> {
                Ingress nginx = ingress(cluster, "sonarr");
                assertThat(nginx.getMetadata().getAnnotations())
                    .containsEntry(
                        "nginx.ingress.kubernetes.io/auth-url",
                        "http://authelia."
                            + cluster.namespace()
                            + ".svc.cluster.local:9091/api/authz/forward-auth")
                    .containsKey("nginx.ingress.kubernetes.io/auth-signin")
                    .containsKey("nginx.ingress.kubernetes.io/auth-response-headers");
                Ingress traefik = ingress(cluster, "radarr");
                assertThat(
                        traefik
                            .getMetadata()
                            .getAnnotations()
                            .get("traefik.ingress.kubernetes.io/router.middlewares"))
                    .isEqualTo(cluster.namespace() + "-radarr-forward-auth@kubernetescrd");
                var middleware =
                    cluster
                        .client()
                        .genericKubernetesResources("traefik.io/v1alpha1", "Middleware")
                        .inNamespace(cluster.namespace())
                        .withName("radarr-forward-auth")
                        .get();
                assertThat(middleware).isNotNull();
                assertThat(middleware.getAdditionalProperties().get("spec").toString())
                    .contains(
                        "http://authelia."
                            + cluster.namespace()
                            + ".svc.cluster.local:9091/api/authz/forward-auth");
              });
    }
  }

  /**
   * Exposure through a Gateway: without the Gateway API a service asking for it is Invalid, naming
   * expose.gateway and what to install; once the CRDs are there (their real schemas, which accept
   * the route) it gets its HTTPRoute. A protected one gets its route only once its protector is
   * Ready, with Traefik's forward-auth Middleware in the route's filters; moved to an Ingress, its
   * route is pruned; a route deleted by hand comes back.
   */
  @Test
  void aServiceExposedThroughAGatewayGetsAnHttpRouteWithForwardAuthAndLosesItForAnIngress(
      TestCluster cluster) {
    Path crds = cluster.controlPlane().binaries().path("gateway-api-crds");
    List<String> crdFiles =
        Stream.of("gatewayclasses", "gateways", "httproutes")
            .map(kind -> crds.resolve("gateway.networking.k8s.io_" + kind + ".yaml").toString())
            .toList();
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectl("apply", "-f", "src/test/resources/wiring/traefik-middleware-crd.yaml")
          .assertSuccess();
      apply(cluster, routed("readarr", false));
      eventually(WAIT)
          .untilAsserted(
              () -> {
                var readarr = media(cluster, "readarr");
                assertThat(readarr.getStatus()).isNotNull();
                assertThat(readarr.getStatus().getPhase())
                    .as("%s", readarr.getStatus())
                    .isEqualTo("Invalid");
                assertThat(readarr.getStatus().getValidation().getErrors())
                    .as("%s", readarr.getStatus())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getField()).isEqualTo("spec.expose.gateway");
                          assertThat(e.getMessage()).contains("install the Gateway API's CRDs");
                        });
              });

      for (String file : crdFiles) {
        cluster.kubectl("apply", "--server-side", "-f", file).assertSuccess();
      }
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(ready(media(cluster, "readarr")))
                    .as("%s", media(cluster, "readarr").getStatus())
                    .isTrue();
                GenericKubernetesResource route = route(cluster, "readarr");
                assertThat(route).as("readarr's HTTPRoute").isNotNull();
                assertThat(route.<List<Map<String, Object>>>get("spec", "parentRefs"))
                    .extracting(p -> p.get("name"), p -> p.get("sectionName"))
                    .containsExactly(tuple("home", "web"));
                assertThat(route.<List<String>>get("spec", "hostnames"))
                    .containsExactly("readarr.home.example");
                assertThat(route.getMetadata().getOwnerReferences())
                    .extracting(o -> o.getName())
                    .containsExactly("readarr");
              });
      assertThat(ingress(cluster, "readarr")).isNull();

      apply(cluster, authelia("ghcr.io/authelia/authelia:4.39.4-badpull"));
      apply(cluster, routed("bazarr", true));
      eventually(WAIT).until(() -> ready(media(cluster, "bazarr")));
      assertThat(route(cluster, "bazarr")).as("no route while authelia is not Ready").isNull();

      apply(cluster, authelia("ghcr.io/authelia/authelia:4.39.4"));
      eventually(WAIT)
          .untilAsserted(
              () -> {
                GenericKubernetesResource route = route(cluster, "bazarr");
                assertThat(route).as("bazarr's HTTPRoute, once authelia is Ready").isNotNull();
                assertThat(
                        route.<List<Map<String, Object>>>get("spec", "rules").get(0).get("filters"))
                    .asString()
                    .contains("ExtensionRef", "traefik.io", "bazarr-forward-auth");
                var middleware =
                    cluster
                        .client()
                        .genericKubernetesResources("traefik.io/v1alpha1", "Middleware")
                        .inNamespace(cluster.namespace())
                        .withName("bazarr-forward-auth")
                        .get();
                assertThat(middleware).isNotNull();
                assertThat(middleware.getAdditionalProperties().get("spec").toString())
                    .contains(
                        "http://authelia."
                            + cluster.namespace()
                            + ".svc.cluster.local:9091/api/authz/forward-auth");
              });

      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "bazarr",
              "--type=merge",
              "-p",
              "{\"spec\": {\"expose\": {\"gateway\": null, \"ingressClassName\": \"nginx\"}}}")
          .assertSuccess();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(ingress(cluster, "bazarr")).as("bazarr's Ingress").isNotNull();
                assertThat(route(cluster, "bazarr")).as("bazarr's route, pruned").isNull();
              });

      cluster.kubectl("delete", "httproute", "readarr").assertSuccess();
      eventually(WAIT)
          .untilAsserted(
              () -> assertThat(route(cluster, "readarr")).as("readarr's route, back").isNotNull());
    } finally {
      for (String file : crdFiles) {
        cluster.kubectl("delete", "-f", file, "--ignore-not-found", "--wait=true");
      }
    }
  }

  private static String routed(String name, boolean protect) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %1$s
          labels: {stackpilot.io/protect: "%2$s"}
        spec:
          channels: {stable: {image: lscr.io/linuxserver/%1$s:latest}}
          ports: [{name: http, port: 8080}]
          expose: {host: %1$s.home.example, gateway: {name: home, sectionName: web}}
        """
        .formatted(name, protect);
  }

  private static GenericKubernetesResource route(TestCluster cluster, String name) {
    return cluster
        .client()
        .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  @Test
  void aServiceExposedBeforeASecurityServiceCameToProtectItGainsForwardAuth(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, protectedMedia("lidarr", "nginx"));
      eventually(WAIT)
          .until(
              () ->
                  ready(media(cluster, "lidarr"))
                      && ingress(cluster, "lidarr") != null
                      && rolledOut(deployment(cluster, "lidarr")));
      assertThat(ingress(cluster, "lidarr").getMetadata().getAnnotations())
          .as("nothing protects lidarr yet")
          .doesNotContainKey("nginx.ingress.kubernetes.io/auth-url");

      // lidarr is settled: only the protector's coming and its readiness can wake it now.
      apply(cluster, authelia("ghcr.io/authelia/authelia:4.39.4"));

      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(ingress(cluster, "lidarr").getMetadata().getAnnotations())
                      .containsEntry(
                          "nginx.ingress.kubernetes.io/auth-url",
                          "http://authelia."
                              + cluster.namespace()
                              + ".svc.cluster.local:9091/api/authz/forward-auth"));
    }
  }

  @Test
  void isolatedStackGetsNetworkPoliciesAdmittingOnlyItsDerivedPeers(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {networkPolicy: Isolate}\n");
      apply(cluster, mediaYaml("prowlarr", "lscr.io/linuxserver/prowlarr:1.37.0", "stack: home"));
      apply(
          cluster,
          mediaYaml(
              "sonarr",
              "lscr.io/linuxserver/sonarr:4.0.15",
              "stack: home\n  dependsOn: [{kind: MediaService, name: prowlarr}]"));
      eventually(WAIT)
          .untilAsserted(
              () -> {
                NetworkPolicy policy = policy(cluster, "prowlarr-isolate");
                assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
                assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/instance", "prowlarr");
                assertThat(policy.getSpec().getIngress())
                    .anySatisfy(
                        rule ->
                            assertThat(rule.getFrom())
                                .anySatisfy(
                                    peer ->
                                        assertThat(peer.getPodSelector().getMatchLabels())
                                            .containsEntry(
                                                "app.kubernetes.io/instance", "sonarr")));
                NetworkPolicy sonarr = policy(cluster, "sonarr-isolate");
                assertThat(sonarr.getSpec().getIngress()).as("nobody depends on sonarr").isEmpty();
              });

      // On k3s the controller is Traefik in kube-system, and kube-prometheus-stack scrapes from
      // its own namespace: the stack says so, and its members' policies follow.
      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: ServiceStack
          metadata: {name: home}
          spec:
            networkPolicy: Isolate
            isolation:
              ingressController:
                namespace: kube-system
                podSelector: {matchLabels: {app.kubernetes.io/name: traefik}}
              scrapers: [{namespace: monitoring}]
          """);
      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: sonarr}
          spec:
            stack: home
            channels: {stable: {image: lscr.io/linuxserver/sonarr:4.0.15}}
            ports: [{name: http, port: 8080}, {name: metrics, port: 9707}]
            expose: {host: sonarr.home.example}
          """);
      eventually(WAIT)
          .untilAsserted(
              () -> {
                NetworkPolicy sonarr = policy(cluster, "sonarr-isolate");
                assertThat(sonarr.getSpec().getIngress())
                    .as("%s", sonarr.getSpec())
                    .anySatisfy(
                        rule -> {
                          assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                              .containsEntry("kubernetes.io/metadata.name", "kube-system");
                          assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels())
                              .containsEntry("app.kubernetes.io/name", "traefik");
                        })
                    .anySatisfy(
                        rule -> {
                          assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                              .containsEntry("kubernetes.io/metadata.name", "monitoring");
                          assertThat(rule.getPorts())
                              .singleElement()
                              .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9707));
                        });
              });
    }
  }

  @Test
  void aDependencyAddedAndRemovedLaterOpensAndClosesTheDependedOnServicesPolicy(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {networkPolicy: Isolate}\n");
      apply(cluster, mediaYaml("prowlarr", "lscr.io/linuxserver/prowlarr:1.37.0", "stack: home"));
      apply(cluster, mediaYaml("sonarr", "lscr.io/linuxserver/sonarr:4.0.15", "stack: home"));
      eventually(WAIT)
          .until(
              () ->
                  ready(media(cluster, "prowlarr"))
                      && ready(media(cluster, "sonarr"))
                      && rolledOut(deployment(cluster, "prowlarr"))
                      && rolledOut(deployment(cluster, "sonarr"))
                      && policy(cluster, "prowlarr-isolate") != null);
      assertThat(admitted(cluster, "prowlarr"))
          .as("nobody depends on prowlarr yet")
          .doesNotContain("sonarr");

      apply(
          cluster,
          mediaYaml(
              "sonarr",
              "lscr.io/linuxserver/sonarr:4.0.15",
              "stack: home\n  dependsOn: [{kind: MediaService, name: prowlarr}]"));
      eventually(WAIT)
          .untilAsserted(() -> assertThat(admitted(cluster, "prowlarr")).contains("sonarr"));

      apply(cluster, mediaYaml("sonarr", "lscr.io/linuxserver/sonarr:4.0.15", "stack: home"));
      eventually(WAIT)
          .untilAsserted(() -> assertThat(admitted(cluster, "prowlarr")).doesNotContain("sonarr"));
    }
  }

  /**
   * The services whose pods the isolating NetworkPolicy of {@code name} admits, by instance label.
   */
  private static List<String> admitted(TestCluster cluster, String name) {
    return policy(cluster, name + "-isolate").getSpec().getIngress().stream()
        .flatMap(rule -> rule.getFrom() == null ? Stream.empty() : rule.getFrom().stream())
        .filter(
            peer -> peer.getPodSelector() != null && peer.getPodSelector().getMatchLabels() != null)
        .map(peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/instance"))
        .filter(Objects::nonNull)
        .toList();
  }

  @Test
  void anIngressAndAPolicyTheSpecNoLongerAsksForAreDeleted(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {networkPolicy: Isolate}\n");
      apply(
          cluster,
          mediaYaml(
              "bazarr",
              "lscr.io/linuxserver/bazarr:1.5.2",
              "stack: home\n  expose: {host: bazarr.home.example, ingressClassName: nginx}"));
      eventually(WAIT)
          .until(
              () ->
                  ingress(cluster, "bazarr") != null && policy(cluster, "bazarr-isolate") != null);
      String pod =
          cluster
              .client()
              .pods()
              .inNamespace(cluster.namespace())
              .withLabel("app.kubernetes.io/instance", "bazarr")
              .list()
              .getItems()
              .get(0)
              .getMetadata()
              .getUid();

      apply(cluster, mediaYaml("bazarr", "lscr.io/linuxserver/bazarr:1.5.2", "stack: home"));
      eventually(WAIT).until(() -> ingress(cluster, "bazarr") == null);

      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {networkPolicy: \"Off\"}\n");
      eventually(WAIT).until(() -> policy(cluster, "bazarr-isolate") == null);

      assertThat(
              cluster
                  .client()
                  .pods()
                  .inNamespace(cluster.namespace())
                  .withLabel("app.kubernetes.io/instance", "bazarr")
                  .list()
                  .getItems())
          .as("taking bazarr off the network never restarted it")
          .extracting(p -> p.getMetadata().getUid())
          .containsExactly(pod);
    }
  }

  private static NetworkPolicy policy(TestCluster cluster, String name) {
    return cluster
        .client()
        .network()
        .networkPolicies()
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  @Test
  void scrapeConfigurationGainsAndLosesTargets(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: MonitoringService
          metadata: {name: prometheus}
          spec:
            channels: {stable: {image: prom/prometheus:v3.5.0}}
            ports: [{name: http, port: 9090}]
            monitoring:
              role: Metrics
              scrape: {selector: {}, interval: 15s, configPath: /etc/prometheus/scrape.yml}
          """);
      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: SecurityService
          metadata: {name: authelia}
          spec:
            channels: {stable: {image: ghcr.io/authelia/authelia:4.39.4}}
            ports: [{name: http, port: 9091}, {name: metrics, port: 9959}]
            security: {provider: Authelia}
          """);
      String target = "authelia." + cluster.namespace() + ".svc.cluster.local:9959";
      eventually(WAIT).untilAsserted(() -> assertThat(scrapeConfig(cluster)).contains(target));
      eventually(WAIT)
          .until(
              () ->
                  ready(
                      cluster
                          .client()
                          .resources(MonitoringService.class)
                          .inNamespace(cluster.namespace())
                          .withName("prometheus")
                          .get()));

      cluster.kubectl("delete", "securityservice", "authelia").assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(scrapeConfig(cluster))
                      .doesNotContain(target)
                      .contains("scrape_configs"));

      // A target of the monitoring kind, in no stack, is scraped too. Once Prometheus has rolled
      // out the configuration above, nothing but the new service's own coming can wake it.
      eventually(WAIT)
          .until(
              () ->
                  rolledOut(deployment(cluster, "prometheus"))
                      && ready(
                          cluster
                              .client()
                              .resources(MonitoringService.class)
                              .inNamespace(cluster.namespace())
                              .withName("prometheus")
                              .get()));
      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: MonitoringService
          metadata: {name: grafana}
          spec:
            channels: {stable: {image: grafana/grafana:12.1.0}}
            ports: [{name: http, port: 3000}, {name: metrics, port: 3001}]
            monitoring: {role: Dashboards}
          """);
      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(scrapeConfig(cluster))
                      .contains("grafana." + cluster.namespace() + ".svc.cluster.local:3001"));
    }
  }

  @Test
  void dashboardsAndUptimeFilesFollowTheStacksMetricsAndExposedServices(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: MonitoringService
          metadata: {name: grafana}
          spec:
            channels: {stable: {image: grafana/grafana:12.1.0}}
            ports: [{name: http, port: 3000}]
            monitoring: {role: Dashboards}
          ---
          apiVersion: stackpilot.io/v1alpha1
          kind: MonitoringService
          metadata: {name: gatus}
          spec:
            channels: {stable: {image: twinproduction/gatus:v5.17.0}}
            ports: [{name: http, port: 8080}]
            monitoring: {role: Uptime, uptime: {interval: 2m}}
          """);
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(mountedFiles(cluster, "grafana")).contains("datasources: []");
                assertThat(mountedFiles(cluster, "gatus")).contains("endpoints: []");
              });
      assertThat(
              deployment(cluster, "grafana")
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getVolumeMounts())
          .anySatisfy(
              mount ->
                  assertThat(mount.getMountPath())
                      .isEqualTo("/etc/grafana/provisioning/datasources/stackpilot.yaml"));

      apply(
          cluster,
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: MonitoringService
          metadata: {name: prometheus}
          spec:
            channels: {stable: {image: prom/prometheus:v3.5.0}}
            ports: [{name: http, port: 9090}]
            monitoring: {role: Metrics, scrape: {selector: {}}}
          ---
          """
              + mediaYaml(
                  "sonarr",
                  "lscr.io/linuxserver/sonarr:4.0.9",
                  "expose: {host: sonarr.home.example, tls: {secretName: sonarr-tls}}\n"));

      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(mountedFiles(cluster, "grafana"))
                    .contains(
                        "url: \"http://prometheus."
                            + cluster.namespace()
                            + ".svc.cluster.local:9090\"");
                assertThat(mountedFiles(cluster, "gatus"))
                    .contains("url: \"https://sonarr.home.example/\"")
                    .contains("interval: \"2m\"");
              });

      cluster.kubectl("delete", "mediaservice", "sonarr").assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () -> assertThat(mountedFiles(cluster, "gatus")).contains("endpoints: []"));
    }
  }

  private static boolean rolledOut(Deployment deployment) {
    var status = deployment.getStatus();
    int wanted = deployment.getSpec().getReplicas();
    return status != null
        && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
        && Objects.equals(status.getUpdatedReplicas(), wanted)
        && Objects.equals(status.getReplicas(), wanted)
        && Objects.equals(status.getReadyReplicas(), wanted);
  }

  /** The scrape configuration file the Prometheus Deployment mounts now. */
  private static String scrapeConfig(TestCluster cluster) {
    return mountedFiles(cluster, "prometheus");
  }

  /** The files of the ConfigMap the service's Deployment mounts now. */
  private static String mountedFiles(TestCluster cluster, String service) {
    var volumes = deployment(cluster, service).getSpec().getTemplate().getSpec().getVolumes();
    String configMap =
        volumes.stream()
            .filter(v -> v.getConfigMap() != null)
            .findFirst()
            .orElseThrow()
            .getConfigMap()
            .getName();
    return String.join(
        "\n",
        cluster
            .client()
            .configMaps()
            .inNamespace(cluster.namespace())
            .withName(configMap)
            .get()
            .getData()
            .values());
  }

  private static Ingress ingress(TestCluster cluster, String name) {
    return cluster
        .client()
        .network()
        .v1()
        .ingresses()
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  private static void apply(TestCluster cluster, String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  private static String mediaYaml(String name, String image, String extra) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: %s}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 8080}]
          recovery: {failureWindow: 3s}
          %s
        """
        .formatted(name, image, extra);
  }

  private static String protectedMedia(String name, String ingressClass) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %1$s
          labels: {stackpilot.io/protect: "true"}
        spec:
          channels: {stable: {image: lscr.io/linuxserver/%1$s:latest}}
          ports: [{name: http, port: 8080}]
          expose: {host: %1$s.home.example, ingressClassName: %2$s}
        """
        .formatted(name, ingressClass);
  }

  private static String authelia(String image) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: SecurityService
        metadata: {name: authelia}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 9091}]
          recovery: {failureWindow: 3s}
          expose: {host: auth.home.example, ingressClassName: nginx}
          security:
            provider: Authelia
            forwardAuth: {path: /api/authz/forward-auth, port: http}
            protects: {matchLabels: {stackpilot.io/protect: "true"}}
        """
        .formatted(image);
  }
}
