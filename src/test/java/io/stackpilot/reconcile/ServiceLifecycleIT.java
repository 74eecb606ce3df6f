package io.stackpilot.reconcile;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.deployment;
import static io.stackpilot.testing.ServiceQueries.image;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.phase;
import static io.stackpilot.testing.ServiceQueries.pods;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.testing.OnEveryChange;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.Stacks;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/** The operator core on a real control plane, driven with kubectl as a user drives it. */
@WithLocalCluster
class ServiceLifecycleIT {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  @Test
  void exampleStackReachesReadyEverywhere(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      long start = System.nanoTime();
      cluster.kubectl("apply", "-f", "examples/homelab/").assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                List<StackService> services = services(cluster);
                assertThat(services).hasSize(7);
                assertThat(services)
                    .allSatisfy(
                        s ->
                            assertThat(ready(s))
                                .as(
                                    "%s/%s Ready (phase %s)",
                                    s.getKind(), s.getMetadata().getName(), phase(s))
                                .isTrue());
              });
      long readyMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "[figure] homelab example: kubectl apply to all 7 services Ready in %d ms%n",
          readyMillis);

      eventually()
          .untilAsserted(
              () -> {
                ServiceStack stack =
                    cluster
                        .client()
                        .resources(ServiceStack.class)
                        .inNamespace(cluster.namespace())
                        .withName("home")
                        .get();
                assertThat(stack.getStatus().getReady()).isEqualTo("7/7");
                assertThat(stack.getStatus().getDegradedCount()).isZero();
              });
      MediaService sonarr = media(cluster, "sonarr");
      assertThat(sonarr.getStatus().getObservedGeneration())
          .isEqualTo(sonarr.getMetadata().getGeneration());
      assertThat(sonarr.getStatus().getImage()).isEqualTo("lscr.io/linuxserver/sonarr:4.0.15");
      assertThat(sonarr.getStatus().getChannel()).isEqualTo("stable");
      assertThat(cluster.kubectl("get", "stackpilot").assertSuccess().stdout())
          .contains("mediaservice.stackpilot.io/sonarr")
          .contains("Healthy");
    }
  }

  @Test
  void imageChangeRollsTheDeployment(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyService(cluster, "sonarr", "lscr.io/linuxserver/sonarr:4.0.14");
      eventually().until(() -> ready(media(cluster, "sonarr")));
      String firstRevision = media(cluster, "sonarr").getStatus().getRevision();

      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "sonarr",
              "--type=merge",
              "-p",
              "{\"spec\":{\"channels\":{\"stable\":{\"image\":\"lscr.io/linuxserver/sonarr:4.0.15\"}}}}")
          .assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getRevision()).isNotEqualTo(firstRevision);
                assertThat(sonarr.getStatus().getImage())
                    .isEqualTo("lscr.io/linuxserver/sonarr:4.0.15");
                assertThat(ready(sonarr)).isTrue();
                assertThat(
                        deployment(cluster, "sonarr")
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage())
                    .isEqualTo("lscr.io/linuxserver/sonarr:4.0.15");
                assertThat(pods(cluster, "sonarr"))
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.getSpec().getContainers().get(0).getImage())
                                .isEqualTo("lscr.io/linuxserver/sonarr:4.0.15"));
              });
    }
  }

  @Test
  void semanticallyInvalidSpecReportsEveryErrorAndLeavesRunningPodsAlone(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyService(cluster, "radarr", "lscr.io/linuxserver/radarr:5.26.2");
      eventually().until(() -> ready(media(cluster, "radarr")));
      String revision = media(cluster, "radarr").getStatus().getRevision();
      Set<String> podsBefore = podUids(cluster, "radarr");

      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata:
            name: radarr
          spec:
            stack: no-such-stack
            channels:
              stable:
                image: lscr.io/linuxserver/radarr:5.27.0
            ports:
              - {name: http, port: 7878}
            env:
              - name: RADARR_API_KEY
                value: 3f9a1c7be2d84e6f9a0b1c2d3e4f5a6b
              - name: DB_PASSWORD
                valueFrom:
                  secretKeyRef: {name: no-such-secret, key: password}
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                MediaService radarr = media(cluster, "radarr");
                assertThat(radarr.getStatus().getPhase()).isEqualTo("Invalid");
                assertThat(radarr.getStatus().getValidation().getErrors())
                    .extracting(e -> e.getField())
                    .contains(
                        "spec.stack",
                        "spec.env[0].value",
                        "spec.env[1].valueFrom.secretKeyRef.name");
                assertThat(condition(radarr, "ConfigValid").getStatus()).isEqualTo("False");
                assertThat(condition(radarr, "Stalled").getReason()).isEqualTo("InvalidSpec");
                assertThat(condition(radarr, "Available").getStatus()).isEqualTo("True");
              });
      MediaService radarr = media(cluster, "radarr");
      assertThat(radarr.getStatus().getRevision()).isEqualTo(revision);
      assertThat(radarr.getStatus().toString()).doesNotContain("3f9a1c7be2d84e6f9a0b1c2d3e4f5a6b");
      assertThat(
              deployment(cluster, "radarr")
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo("lscr.io/linuxserver/radarr:5.26.2");
      assertThat(podUids(cluster, "radarr")).isEqualTo(podsBefore);
      eventually()
          .untilAsserted(
              () ->
                  assertThat(
                          cluster
                              .kubectl(
                                  "get",
                                  "events",
                                  "--field-selector",
                                  "involvedObject.name=radarr,reason=InvalidSpec",
                                  "-o",
                                  "name")
                              .stdout())
                      .isNotBlank());
      assertThat(cluster.kubectl("get", "events", "-o", "yaml").stdout())
          .doesNotContain("3f9a1c7be2d84e6f9a0b1c2d3e4f5a6b");
    }
  }

  @Test
  void specWhoseDeploymentTheApiServerRefusesIsReportedInvalidAndLeavesRunningPodsAlone(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyService(cluster, "bazarr", "lscr.io/linuxserver/bazarr:1.5.2");
      eventually().until(() -> ready(media(cluster, "bazarr")));
      String revision = media(cluster, "bazarr").getStatus().getRevision();
      Set<String> podsBefore = podUids(cluster, "bazarr");

      // The CRD takes tolerations and resources as core/v1 has them, unchecked; the Deployment
      // would be refused.
      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "bazarr",
              "--type=merge",
              "-p",
              """
          {"spec": {"channels": {"stable": {"image": "lscr.io/linuxserver/bazarr:1.5.3"}},
                    "tolerations": [{"key": "media", "operator": "Maybe", "effect": "NoSchedule"}],
                    "resources": {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}}}}
          """)
          .assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                MediaService bazarr = media(cluster, "bazarr");
                assertThat(bazarr.getStatus().getObservedGeneration())
                    .isEqualTo(bazarr.getMetadata().getGeneration());
                assertThat(bazarr.getStatus().getPhase()).isEqualTo("Invalid");
                assertThat(bazarr.getStatus().getValidation().getErrors())
                    .extracting(e -> e.getField())
                    .contains("spec.tolerations", "spec.resources");
                assertThat(condition(bazarr, "ConfigValid").getStatus()).isEqualTo("False");
                assertThat(condition(bazarr, "Available").getStatus()).isEqualTo("True");
              });
      assertThat(media(cluster, "bazarr").getStatus().getRevision()).isEqualTo(revision);
      assertThat(
              deployment(cluster, "bazarr")
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .isEqualTo("lscr.io/linuxserver/bazarr:1.5.2");
      assertThat(podUids(cluster, "bazarr")).isEqualTo(podsBefore);

      // Fixed, it rolls out at once.
      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "bazarr",
              "--type=merge",
              "-p",
              "{\"spec\": {\"tolerations\": null, \"resources\": null}}")
          .assertSuccess();
      eventually()
          .untilAsserted(
              () -> {
                assertThat(image(deployment(cluster, "bazarr")))
                    .isEqualTo("lscr.io/linuxserver/bazarr:1.5.3");
                assertThat(ready(media(cluster, "bazarr"))).isTrue();
              });
    }
  }

  /**
   * A new service whose first revision the API server refuses: Invalid, naming the fields, with
   * nothing applied and no revision recorded; fixed, it rolls out with one healthy record.
   */
  @Test
  void aNewServiceWhoseDeploymentTheApiServerRefusesIsInvalidUnrecordedAndRollsOutOnceFixed(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata:
            name: lidarr
          spec:
            channels:
              stable:
                image: lscr.io/linuxserver/lidarr:2.9.6
            ports:
              - {name: http, port: 8686}
            tolerations: [{key: media, operator: Maybe, effect: NoSchedule}]
            resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                MediaService lidarr = media(cluster, "lidarr");
                assertThat(lidarr.getStatus()).as("no status yet").isNotNull();
                assertThat(lidarr.getStatus().getPhase())
                    .as("%s", lidarr.getStatus())
                    .isEqualTo("Invalid");
                assertThat(lidarr.getStatus().getValidation().getErrors())
                    .as("%s", lidarr.getStatus())
                    .extracting(e -> e.getField())
                    .contains("spec.tolerations", "spec.resources");
              });
      assertThat(deployment(cluster, "lidarr")).isNull();
      assertThat(historyConfigMap(cluster, "lidarr"))
          .as("a refused revision is not recorded as applied")
          .isNull();

      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "lidarr",
              "--type=merge",
              "-p",
              "{\"spec\": {\"tolerations\": null, \"resources\": null}}")
          .assertSuccess();
      eventually()
          .untilAsserted(
              () -> {
                MediaService lidarr = media(cluster, "lidarr");
                assertThat(ready(lidarr)).as("%s", lidarr.getStatus()).isTrue();
                assertThat(lidarr.getStatus().getHistory())
                    .as("%s", lidarr.getStatus())
                    .extracting(e -> e.getResult())
                    .containsExactly("Healthy");
              });
      assertThat(historyConfigMap(cluster, "lidarr")).isNotNull();
    }
  }

  /**
   * A new service's first object is applied without a dry run (its own apply tells a refusal): a
   * Service whose nodePort another Service holds is refused there, the service is Invalid naming
   * spec.ports, and nothing after it (the Deployment, the history) is applied; with another port it
   * rolls out.
   */
  @Test
  void aNewServiceWhoseFirstObjectIsRefusedAppliesNothingElse(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: v1
          kind: Service
          metadata: {name: holds-the-port}
          spec:
            type: NodePort
            selector: {app: nothing}
            ports: [{name: http, port: 80, nodePort: 30787}]
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: readarr}
          spec:
            channels: {stable: {image: "lscr.io/linuxserver/readarr:0.4.18"}}
            service: {type: NodePort}
            ports: [{name: http, port: 8787, nodePort: 30787}]
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                MediaService readarr = media(cluster, "readarr");
                assertThat(readarr.getStatus()).as("no status yet").isNotNull();
                assertThat(readarr.getStatus().getPhase())
                    .as("%s", readarr.getStatus())
                    .isEqualTo("Invalid");
                assertThat(readarr.getStatus().getValidation().getErrors())
                    .as("%s", readarr.getStatus())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getField()).isEqualTo("spec.ports");
                          assertThat(e.getMessage()).contains("Service readarr", "30787");
                        });
              });
      assertThat(
              cluster
                  .client()
                  .services()
                  .inNamespace(cluster.namespace())
                  .withName("readarr")
                  .get())
          .isNull();
      assertThat(deployment(cluster, "readarr")).as("nothing after the refused Service").isNull();
      assertThat(historyConfigMap(cluster, "readarr")).isNull();

      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "readarr",
              "--type=json",
              "-p",
              "[{\"op\": \"replace\", \"path\": \"/spec/ports/0/nodePort\", \"value\": 30788}]")
          .assertSuccess();
      eventually()
          .untilAsserted(
              () -> {
                MediaService readarr = media(cluster, "readarr");
                assertThat(ready(readarr)).as("%s", readarr.getStatus()).isTrue();
              });
      assertThat(
              cluster
                  .client()
                  .services()
                  .inNamespace(cluster.namespace())
                  .withName("readarr")
                  .get()
                  .getSpec()
                  .getPorts())
          .extracting(p -> p.getNodePort())
          .containsExactly(30788);
    }
  }

  @Test
  void statelessServiceThatGainsAVolumeSwitchesToRecreate(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: overseerr}
          spec:
            channels: {stable: {image: "lscr.io/linuxserver/overseerr:1.34.0"}}
            replicas: 2
            ports: [{name: http, port: 5055}]
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();
      eventually().until(() -> ready(media(cluster, "overseerr")));
      assertThat(deployment(cluster, "overseerr").getSpec().getStrategy().getType())
          .isEqualTo("RollingUpdate");

      // One replica with a config volume: never two pods on its data, so Recreate.
      cluster
          .kubectl(
              "patch",
              "mediaservice",
              "overseerr",
              "--type=merge",
              "-p",
              """
          {"spec": {"replicas": 1, "storage": [{"name": "config", "mountPath": "/config", "size": "1Gi"}]}}
          """)
          .assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                Deployment overseerr = deployment(cluster, "overseerr");
                assertThat(overseerr.getSpec().getStrategy().getType()).isEqualTo("Recreate");
                assertThat(overseerr.getSpec().getStrategy().getRollingUpdate()).isNull();
                assertThat(overseerr.getSpec().getTemplate().getSpec().getVolumes())
                    .extracting(v -> v.getName())
                    .contains("storage-config");
                assertThat(ready(media(cluster, "overseerr"))).isTrue();
              });
    }
  }

  @Test
  void aSecondKindOfServiceWithTheSameNameIsInvalidAndTheFirstKeepsItsDeployment(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyService(cluster, "tautulli", "lscr.io/linuxserver/tautulli:2.15.2");
      eventually().until(() -> ready(media(cluster, "tautulli")));
      String owner =
          deployment(cluster, "tautulli").getMetadata().getOwnerReferences().get(0).getUid();

      applyGrafana(cluster, "tautulli");

      eventually()
          .untilAsserted(
              () -> {
                var second =
                    cluster
                        .client()
                        .resources(MonitoringService.class)
                        .inNamespace(cluster.namespace())
                        .withName("tautulli")
                        .get();
                assertThat(phase(second)).isEqualTo("Invalid");
                assertThat(second.getStatus().getValidation().getErrors())
                    .extracting(e -> e.getField())
                    .containsExactly("metadata.name");
              });
      Deployment first = deployment(cluster, "tautulli");
      assertThat(first.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(reference -> assertThat(reference.getUid()).isEqualTo(owner));
      assertThat(image(first)).isEqualTo("lscr.io/linuxserver/tautulli:2.15.2");
      assertThat(ready(media(cluster, "tautulli"))).isTrue();
    }
  }

  @Test
  void aServiceOfAnotherKindTakesOverTheNameOnceItsHolderIsDeletedWithoutEverSharingItsDeployment(
      TestCluster cluster) {
    Map<String, Set<String>> ownersByDeployment = new ConcurrentHashMap<>();
    try (RunningOperator operator = cluster.startOperator();
        var watch =
            OnEveryChange.inform(
                cluster.client().apps().deployments().inNamespace(cluster.namespace()),
                d ->
                    d.getMetadata()
                        .getOwnerReferences()
                        .forEach(
                            owner ->
                                ownersByDeployment
                                    .computeIfAbsent(
                                        d.getMetadata().getUid(),
                                        uid -> ConcurrentHashMap.newKeySet())
                                    .add(owner.getKind() + "/" + owner.getUid())))) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: dashboard}
          spec:
            channels: {stable: {image: "lscr.io/linuxserver/tautulli:2.15.2"}}
            ports: [{name: http, port: 8181}]
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();
      eventually().until(() -> deployment(cluster, "dashboard") != null);
      applyGrafana(cluster, "dashboard");
      eventually().until(() -> "Invalid".equals(phase(monitoring(cluster, "dashboard"))));

      cluster.kubectl("delete", "mediaservice", "dashboard").assertSuccess();

      String uid = monitoring(cluster, "dashboard").getMetadata().getUid();
      eventually()
          .untilAsserted(
              () -> {
                assertThat(phase(monitoring(cluster, "dashboard"))).isNotEqualTo("Invalid");
                Deployment taken = deployment(cluster, "dashboard");
                assertThat(taken).isNotNull();
                assertThat(taken.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid));
                assertThat(image(taken)).isEqualTo("grafana/grafana:12.1.0");
              });
      assertThat(ownersByDeployment)
          .as("Deployments seen: the media service's and the monitoring service's")
          .hasSize(2);
      assertThat(ownersByDeployment.values())
          .as("owners each Deployment ever had")
          .allSatisfy(owners -> assertThat(owners).hasSize(1));
    }
  }

  @Test
  void aServiceWaitsForTheDeploymentOfItsNameToBeFreedAndThenRollsOut(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      // What a service deleted a moment ago leaves until the garbage collector comes: its
      // Deployment.
      cluster.kubectl("create", "configmap", "leaving").assertSuccess();
      String leaving =
          cluster
              .client()
              .configMaps()
              .inNamespace(cluster.namespace())
              .withName("leaving")
              .get()
              .getMetadata()
              .getUid();
      cluster
          .kubectlWithInput(
              """
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: grafana
            ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: leaving, uid: %s, controller: true}]
          spec:
            replicas: 0
            selector: {matchLabels: {app: leaving}}
            template:
              metadata: {labels: {app: leaving}}
              spec: {containers: [{name: app, image: "example.org/leaving:1"}]}
          """
                  .formatted(leaving),
              "apply",
              "-f",
              "-")
          .assertSuccess();

      applyGrafana(cluster, "grafana");

      eventually()
          .untilAsserted(
              () -> {
                var grafana = monitoring(cluster, "grafana");
                assertThat(phase(grafana)).isEqualTo("Invalid");
                assertThat(grafana.getStatus().getValidation().getErrors())
                    .singleElement()
                    .satisfies(
                        error -> {
                          assertThat(error.getField()).isEqualTo("metadata.name");
                          assertThat(error.getMessage())
                              .contains("Deployment grafana belongs to ConfigMap leaving");
                        });
              });
      assertThat(deployment(cluster, "grafana").getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(leaving));

      cluster.kubectl("delete", "configmap", "leaving").assertSuccess();

      String uid = monitoring(cluster, "grafana").getMetadata().getUid();
      eventually()
          .untilAsserted(
              () -> {
                assertThat(phase(monitoring(cluster, "grafana"))).isNotEqualTo("Invalid");
                assertThat(deployment(cluster, "grafana").getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(uid));
                assertThat(image(deployment(cluster, "grafana")))
                    .isEqualTo("grafana/grafana:12.1.0");
              });
    }
  }

  /** A MonitoringService running Grafana, by kubectl apply. */
  private static void applyGrafana(TestCluster cluster, String name) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MonitoringService
        metadata: {name: %s}
        spec:
          channels: {stable: {image: "grafana/grafana:12.1.0"}}
          ports: [{name: http, port: 3000}]
          monitoring: {role: Dashboards}
        """
                .formatted(name),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  private static MonitoringService monitoring(TestCluster cluster, String name) {
    return cluster
        .client()
        .resources(MonitoringService.class)
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  @Test
  void configMapsOfRevisionsPastTheHistoryAreDeleted(TestCluster cluster) {
    int revisions = RevisionHistory.LIMIT + 2;
    try (RunningOperator operator = cluster.startOperator()) {
      List<String> configMaps = new ArrayList<>();
      for (int i = 0; i < revisions; i++) {
        cluster
            .kubectlWithInput(
                """
            apiVersion: stackpilot.io/v1alpha1
            kind: MediaService
            metadata: {name: readarr}
            spec:
              channels: {stable: {image: "lscr.io/linuxserver/readarr:0.4.18"}}
              ports: [{name: http, port: 8787}]
              config: {GENERATION: "%d"}
            """
                    .formatted(i),
                "apply",
                "-f",
                "-")
            .assertSuccess();
        String previous = configMaps.isEmpty() ? null : configMaps.get(configMaps.size() - 1);
        // Each revision goes live before the next: the history keeps the newest healthy revision
        // past its limit, so revisions superseded before they were healthy would leave an older one
        // kept.
        eventually()
            .until(
                () -> {
                  String mounted = configMapOf(deployment(cluster, "readarr"));
                  MediaService readarr = media(cluster, "readarr");
                  return mounted != null
                      && !mounted.equals(previous)
                      && "Healthy".equals(phase(readarr))
                      && readarr
                          .getMetadata()
                          .getGeneration()
                          .equals(readarr.getStatus().getObservedGeneration());
                });
        configMaps.add(configMapOf(deployment(cluster, "readarr")));
      }

      // What the history no longer records cannot be rolled back to: its ConfigMaps go, the rest
      // stay.
      eventually()
          .untilAsserted(
              () -> {
                List<String> left =
                    cluster
                        .client()
                        .configMaps()
                        .inNamespace(cluster.namespace())
                        .list()
                        .getItems()
                        .stream()
                        .map(c -> c.getMetadata().getName())
                        .filter(name -> name.startsWith("readarr-cfg-"))
                        .toList();
                assertThat(left)
                    .doesNotContain(configMaps.get(0), configMaps.get(1))
                    .containsAll(configMaps.subList(revisions - RevisionHistory.LIMIT, revisions));
              });
    }
  }

  @Test
  void deletingAServiceDeletesWhatItOwnsButNotItsClaims(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MonitoringService
          metadata:
            name: grafana
          spec:
            channels:
              stable: {image: grafana/grafana:12.1.0}
            ports: [{name: http, port: 3000}]
            config: {GF_ANALYTICS_REPORTING_ENABLED: "false"}
            storage: [{name: data, mountPath: /var/lib/grafana, size: 1Gi}]
            monitoring: {role: Dashboards}
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();
      eventually()
          .until(
              () ->
                  ready(
                      cluster
                          .client()
                          .resources(MonitoringService.class)
                          .inNamespace(cluster.namespace())
                          .withName("grafana")
                          .get()));
      assertThat(
              cluster
                  .client()
                  .configMaps()
                  .inNamespace(cluster.namespace())
                  .withLabel("stackpilot.io/service", "grafana")
                  .list()
                  .getItems())
          .isNotEmpty();

      cluster.kubectl("delete", "monitoringservice", "grafana").assertSuccess();

      eventually()
          .untilAsserted(
              () -> {
                assertThat(
                        cluster
                            .client()
                            .apps()
                            .deployments()
                            .inNamespace(cluster.namespace())
                            .withName("grafana")
                            .get())
                    .isNull();
                assertThat(
                        cluster
                            .client()
                            .services()
                            .inNamespace(cluster.namespace())
                            .withName("grafana")
                            .get())
                    .isNull();
                assertThat(
                        cluster
                            .client()
                            .configMaps()
                            .inNamespace(cluster.namespace())
                            .withLabel("stackpilot.io/service", "grafana")
                            .list()
                            .getItems())
                    .isEmpty();
              });
      assertThat(
              cluster
                  .client()
                  .persistentVolumeClaims()
                  .inNamespace(cluster.namespace())
                  .withName("grafana-data")
                  .get())
          .as("the claim outlives its service")
          .isNotNull();
    }
  }

  @Test
  void deletedOrEditedDeploymentIsRestored(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyService(cluster, "prowlarr", "lscr.io/linuxserver/prowlarr:1.37.0");
      eventually().until(() -> ready(media(cluster, "prowlarr")));

      cluster
          .kubectl(
              "set", "image", "deployment/prowlarr", "prowlarr=lscr.io/linuxserver/prowlarr:0.0.1")
          .assertSuccess();
      eventually()
          .untilAsserted(
              () ->
                  assertThat(
                          deployment(cluster, "prowlarr")
                              .getSpec()
                              .getTemplate()
                              .getSpec()
                              .getContainers()
                              .get(0)
                              .getImage())
                      .isEqualTo("lscr.io/linuxserver/prowlarr:1.37.0"));

      String uid = deployment(cluster, "prowlarr").getMetadata().getUid();
      cluster.kubectl("delete", "deployment", "prowlarr").assertSuccess();
      eventually()
          .untilAsserted(
              () -> {
                Deployment restored = deployment(cluster, "prowlarr");
                assertThat(restored).isNotNull();
                assertThat(restored.getMetadata().getUid()).isNotEqualTo(uid);
              });
      eventually().until(() -> ready(media(cluster, "prowlarr")));
    }
  }

  @Test
  void stackChangeReRendersItsMembers(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      Stacks.applyHome(cluster);
      applyService(cluster, "sonarr", "lscr.io/linuxserver/sonarr:4.0.15", "home");
      eventually().until(() -> ready(media(cluster, "sonarr")));
      assertThat(env(cluster, "sonarr", "TZ")).contains("Europe/Berlin");

      cluster
          .kubectl(
              "patch",
              "servicestack",
              "home",
              "--type=merge",
              "-p",
              "{\"spec\":{\"base\":{\"env\":[{\"name\":\"TZ\",\"value\":\"Asia/Tokyo\"}]}}}")
          .assertSuccess();

      eventually()
          .untilAsserted(() -> assertThat(env(cluster, "sonarr", "TZ")).contains("Asia/Tokyo"));
      eventually().until(() -> ready(media(cluster, "sonarr")));
    }
  }

  @Test
  void unchangedStackCostsZeroWritesOnResync(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator(Duration.ofSeconds(2))) {
      cluster.kubectl("apply", "-f", "examples/homelab/").assertSuccess();
      eventually()
          .until(
              () ->
                  services(cluster).size() == 7
                      && services(cluster).stream().allMatch(ServiceQueries::ready));
      eventually()
          .until(
              () ->
                  "7/7"
                      .equals(
                          cluster
                              .client()
                              .resources(ServiceStack.class)
                              .inNamespace(cluster.namespace())
                              .withName("home")
                              .get()
                              .getStatus()
                              .getReady()));
      // Let the last status writes of the rollout land before counting.
      await()
          .atMost(SETTLE)
          .until(
              () -> {
                long before = operator.requests().writes();
                double reconciles = operator.reconciles();
                await().atMost(SETTLE).until(() -> operator.reconciles() >= reconciles + 7);
                return operator.requests().writes() == before;
              });

      operator.requests().reset();
      double start = operator.reconciles();
      await().atMost(SETTLE).until(() -> operator.reconciles() >= start + 3 * 7);

      System.out.printf(
          "[figure] at rest: %.0f reconciles, %d writes, %d GETs, %d watches%n",
          operator.reconciles() - start,
          operator.requests().writes(),
          operator.requests().count("GET"),
          operator.requests().count("WATCH"));
      assertThat(operator.requests().writes())
          .as("writes at rest:\n" + operator.requests().writesSeen())
          .isZero();
    }
  }

  private static ConditionFactory eventually() {
    return ServiceQueries.eventually(SETTLE);
  }

  private static void applyService(TestCluster cluster, String name, String image) {
    applyService(cluster, name, image, null);
  }

  private static void applyService(TestCluster cluster, String name, String image, String stack) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %s
        spec:
          %s
          channels:
            stable:
              image: %s
          ports:
            - {name: http, port: 8080}
          health:
            http: {path: /ping, port: http}
          storage:
            - {name: config, mountPath: /config, size: 1Gi}
        """
                .formatted(name, stack == null ? "" : "stack: " + stack, image),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  private static List<StackService> services(TestCluster cluster) {
    var client = cluster.client();
    String ns = cluster.namespace();
    List<StackService> all = new ArrayList<>();
    all.addAll(client.resources(MediaService.class).inNamespace(ns).list().getItems());
    all.addAll(client.resources(SecurityService.class).inNamespace(ns).list().getItems());
    all.addAll(client.resources(MonitoringService.class).inNamespace(ns).list().getItems());
    return all;
  }

  private static ConfigMap historyConfigMap(TestCluster cluster, String service) {
    return cluster
        .client()
        .configMaps()
        .inNamespace(cluster.namespace())
        .withName(service + "-history")
        .get();
  }

  private static String configMapOf(Deployment deployment) {
    var envFrom =
        deployment == null
            ? null
            : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnvFrom();
    return envFrom == null || envFrom.isEmpty() ? null : envFrom.get(0).getConfigMapRef().getName();
  }

  private static Set<String> podUids(TestCluster cluster, String name) {
    return pods(cluster, name).stream()
        .map(p -> p.getMetadata().getUid())
        .collect(Collectors.toSet());
  }

  private static Optional<String> env(TestCluster cluster, String name, String variable) {
    return deployment(cluster, name)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> e.getName().equals(variable))
        .map(e -> e.getValue())
        .findFirst();
  }
}
