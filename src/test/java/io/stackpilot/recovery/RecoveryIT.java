package io.stackpilot.recovery;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.deployment;
import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.image;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.phase;
import static io.stackpilot.testing.ServiceQueries.pods;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.FaultInjector;
import io.stackpilot.testing.FirstSeen;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Automatic recovery on a real control plane, with faults played by KWOK: images that crash or
 * cannot be pulled, a configuration that makes the app crash, healthy pods that start crashing.
 */
@WithLocalCluster
class RecoveryIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String GOOD = "lscr.io/linuxserver/sonarr:4.0.14";
  private static final String FAILURE_WINDOW = "3s";

  @Test
  void upgradeToACrashingImageIsRolledBack(TestCluster cluster) {
    rollsBackAnUpgradeTo(
        cluster, "lscr.io/linuxserver/sonarr:4.0.15-crashloop", "CrashLoopBackOff");
  }

  @Test
  void upgradeToAnImageThatCannotBePulledIsRolledBack(TestCluster cluster) {
    rollsBackAnUpgradeTo(
        cluster, "lscr.io/linuxserver/sonarr:4.0.99-badpull", "ImagePullBackOff", "ErrImagePull");
  }

  private void rollsBackAnUpgradeTo(TestCluster cluster, String badImage, String... causes) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, Map.of(), Map.of("LOG_LEVEL", "info"));
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      String healthy = media(cluster, "sonarr").getStatus().getRevision();

      Instant failureVisible;
      Instant rollbackWritten;
      try (var failure =
              new FirstSeen<Pod>(
                  cluster.client().pods().inNamespace(cluster.namespace()),
                  p ->
                      podImage(p).equals(badImage)
                          && waiting(p) != null
                          && List.of(causes).contains(waiting(p)));
          var rollback =
              new FirstSeen<Deployment>(
                  cluster.client().apps().deployments().inNamespace(cluster.namespace()),
                  d -> failedOnceThenRestored(d))) {
        apply(cluster, badImage, Map.of(), Map.of("LOG_LEVEL", "info"));
        eventually(WAIT).until(() -> rollback.at().isPresent() && failure.at().isPresent());
        failureVisible = failure.at().get();
        rollbackWritten = rollback.at().get();
      }
      report("rollback of " + badImage, failureVisible, rollbackWritten);

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("RolledBack");
                assertThat(sonarr.getStatus().getRevision()).isEqualTo(healthy);
                assertThat(sonarr.getStatus().getImage()).isEqualTo(GOOD);
                assertThat(sonarr.getStatus().getQuarantine())
                    .singleElement()
                    .satisfies(
                        q -> {
                          assertThat(q.getImage()).isEqualTo(badImage);
                          assertThat(q.getReason()).isIn((Object[]) causes);
                        });
                assertThat(condition(sonarr, "Available").getStatus()).isEqualTo("True");
                assertThat(condition(sonarr, "Ready").getStatus()).isEqualTo("False");
                assertThat(condition(sonarr, "Stalled").getReason()).isEqualTo("RolledBack");
                assertThat(condition(sonarr, "Stalled").getMessage())
                    .contains(badImage)
                    .contains(sonarr.getStatus().getQuarantine().get(0).getRevision());
                assertThat(pods(cluster, "sonarr"))
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(podImage(p)).isEqualTo(GOOD));
                assertThat(events(cluster, "sonarr", "RolledBack")).hasSize(1);
              });
      assertThat(operator.meter("stackpilot.rollbacks")).isEqualTo(1.0);
      assertThat(sonarrHistory(cluster)).contains("Failed").contains("Healthy");
    }
  }

  @Test
  void rollbackSendsAnAlertToTheStacksWebhook(TestCluster cluster) throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    var receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hooks/ops",
        exchange -> {
          received.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectl(
              "create",
              "secret",
              "generic",
              "alerts",
              "--from-literal=url=http://127.0.0.1:"
                  + receiver.getAddress().getPort()
                  + "/hooks/ops")
          .assertSuccess();
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: ServiceStack
          metadata: {name: home}
          spec:
            alerts:
              webhooks:
                - {name: ops, urlSecretRef: {name: alerts, key: url}, format: Generic, events: [RolledBack]}
          """,
              "apply",
              "-f",
              "-")
          .assertSuccess();
      apply(cluster, GOOD, Map.of(), Map.of(), "Automatic", "home");
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));

      apply(
          cluster,
          "lscr.io/linuxserver/sonarr:4.0.15-crashloop",
          Map.of(),
          Map.of(),
          "Automatic",
          "home");

      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(received)
                      .singleElement()
                      .satisfies(
                          body ->
                              assertThat(body)
                                  .contains("\"event\":\"RolledBack\"")
                                  .contains("\"name\":\"sonarr\"")
                                  .contains("lscr.io/linuxserver/sonarr:4.0.15-crashloop")));
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void configurationChangeThatCrashesIsRolledBackWithTheOldConfig(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, Map.of(), Map.of("LOG_LEVEL", "info"));
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      String goodConfigMap = configMapOf(deployment(cluster, "sonarr"));

      apply(cluster, GOOD, Map.of("KWOK_FAULT", "crashloop"), Map.of("LOG_LEVEL", "trace"));

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("RolledBack");
                Deployment d = deployment(cluster, "sonarr");
                assertThat(configMapOf(d)).isEqualTo(goodConfigMap);
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .noneMatch(e -> e.getName().equals("KWOK_FAULT"));
                assertThat(
                        cluster
                            .client()
                            .configMaps()
                            .inNamespace(cluster.namespace())
                            .withName(goodConfigMap)
                            .get()
                            .getData())
                    .containsEntry("LOG_LEVEL", "info");
                assertThat(pods(cluster, "sonarr"))
                    .isNotEmpty()
                    .allSatisfy(
                        p ->
                            assertThat(p.getStatus().getContainerStatuses().get(0).getReady())
                                .isTrue());
              });
    }
  }

  @Test
  void correctedSpecAfterARollbackIsAppliedAtOnce(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, Map.of(), Map.of());
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      apply(cluster, "lscr.io/linuxserver/sonarr:4.0.15-crashloop", Map.of(), Map.of());
      eventually(WAIT).until(() -> "RolledBack".equals(phase(media(cluster, "sonarr"))));

      apply(cluster, "lscr.io/linuxserver/sonarr:4.0.16", Map.of(), Map.of());

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("Healthy");
                assertThat(sonarr.getStatus().getImage())
                    .isEqualTo("lscr.io/linuxserver/sonarr:4.0.16");
                assertThat(ready(sonarr)).isTrue();
                assertThat(condition(sonarr, "Stalled").getStatus()).isEqualTo("False");
              });
    }
  }

  @Test
  void healthyServiceThatStartsCrashingIsRestartedWithinItsBudgetThenDegraded(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, Map.of(), Map.of());
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));

      // Every pod of the service crashes from now on, including those a restart creates.
      try (var crasher = new FaultInjector(cluster, "sonarr", "crashloop")) {
        eventually(Duration.ofSeconds(180))
            .untilAsserted(
                () -> {
                  MediaService sonarr = media(cluster, "sonarr");
                  assertThat(sonarr.getStatus().getPhase()).isEqualTo("Degraded");
                  assertThat(condition(sonarr, "Stalled").getReason())
                      .isEqualTo("RestartBudgetSpent");
                });
        assertThat(events(cluster, "sonarr", "Restarted")).hasSize(2);
        assertThat(events(cluster, "sonarr", "RolledBack")).isEmpty();
        assertThat(operator.meter("stackpilot.restarts")).isEqualTo(2.0);
        double reconciles = operator.reconciles();
        eventually(WAIT).until(() -> operator.reconciles() > reconciles);
        assertThat(events(cluster, "sonarr", "Restarted"))
            .as("no thrashing once degraded")
            .hasSize(2);
        assertThat(events(cluster, "sonarr", "Degraded")).hasSize(1);
      }
    }
  }

  @Test
  void operatorKilledDuringARollbackFinishesItExactlyOnce(TestCluster cluster) {
    RunningOperator first = cluster.startOperator();
    apply(cluster, GOOD, Map.of(), Map.of());
    eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
    apply(cluster, "lscr.io/linuxserver/sonarr:4.0.15-crashloop", Map.of(), Map.of());
    // Stop the operator the moment the rollback is recorded, before it can see it through.
    eventually(WAIT).until(() -> media(cluster, "sonarr").getStatus().getQuarantine() != null);
    first.close();

    try (RunningOperator second = cluster.startOperator()) {
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("RolledBack");
                assertThat(image(deployment(cluster, "sonarr"))).isEqualTo(GOOD);
                assertThat(sonarr.getStatus().getQuarantine()).hasSize(1);
              });
      // The new operator has looked at the service (it restored it), and must not have rolled back
      // again.
      assertThat(second.reconciles()).isPositive();
      // The first operator may be stopped before its Event is written; it is never written twice.
      assertThat(events(cluster, "sonarr", "RolledBack"))
          .as("one rollback, not two")
          .hasSizeLessThanOrEqualTo(1);
      assertThat(second.meter("stackpilot.rollbacks")).isZero();
      assertThat(media(cluster, "sonarr").getStatus().getHistory()).hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void firstRevisionThatNeverBecomesHealthyEndsDegradedWithBoundedActions(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, "lscr.io/linuxserver/sonarr:4.0.15-crashloop", Map.of(), Map.of());

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("Degraded");
                assertThat(condition(sonarr, "Stalled").getReason()).isEqualTo("NoHealthyRevision");
                assertThat(condition(sonarr, "Stalled").getMessage())
                    .contains("never became healthy")
                    .contains("CrashLoopBackOff");
              });
      double reconciles = operator.reconciles();
      eventually(WAIT).until(() -> operator.reconciles() > reconciles + 3);
      assertThat(events(cluster, "sonarr", "Degraded")).hasSize(1);
      assertThat(events(cluster, "sonarr", "RolledBack")).isEmpty();
      assertThat(events(cluster, "sonarr", "Restarted")).isEmpty();
    }
  }

  @Test
  void manualRollbackPolicyReportsButDoesNotAct(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, Map.of(), Map.of(), "Manual");
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      apply(cluster, "lscr.io/linuxserver/sonarr:4.0.15-crashloop", Map.of(), Map.of(), "Manual");

      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(media(cluster, "sonarr").getStatus().getPhase()).isEqualTo("Degraded");
                assertThat(events(cluster, "sonarr", "Degraded")).hasSize(1);
              });
      assertThat(image(deployment(cluster, "sonarr"))).endsWith("-crashloop");
      assertThat(events(cluster, "sonarr", "RolledBack")).isEmpty();
    }
  }

  private static void apply(
      TestCluster cluster, String image, Map<String, String> env, Map<String, String> config) {
    apply(cluster, image, env, config, "Automatic");
  }

  private static void apply(
      TestCluster cluster,
      String image,
      Map<String, String> env,
      Map<String, String> config,
      String rollback) {
    apply(cluster, image, env, config, rollback, null);
  }

  private static void apply(
      TestCluster cluster,
      String image,
      Map<String, String> env,
      Map<String, String> config,
      String rollback,
      String stack) {
    StringBuilder envYaml = new StringBuilder();
    env.forEach(
        (k, v) ->
            envYaml
                .append("\n    - {name: ")
                .append(k)
                .append(", value: \"")
                .append(v)
                .append("\"}"));
    StringBuilder configYaml = new StringBuilder();
    config.forEach(
        (k, v) -> configYaml.append("\n    ").append(k).append(": \"").append(v).append("\""));
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: sonarr
        spec:
          %s
          channels:
            stable:
              image: %s
          ports:
            - {name: http, port: 8989}
          env: %s
          config: %s
          storage:
            - {name: config, mountPath: /config, size: 1Gi}
          recovery:
            rollback: %s
            failureWindow: %s
            progressDeadline: 60s
            maxRestarts: 2
            restartWindow: 10m
        """
                .formatted(
                    stack == null ? "" : "stack: " + stack,
                    image,
                    env.isEmpty() ? "[]" : envYaml,
                    config.isEmpty() ? "{}" : configYaml,
                    rollback,
                    FAILURE_WINDOW),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  private static String waiting(Pod pod) {
    if (pod.getStatus() == null
        || pod.getStatus().getContainerStatuses() == null
        || pod.getStatus().getContainerStatuses().isEmpty()) {
      return null;
    }
    var state = pod.getStatus().getContainerStatuses().get(0).getState();
    return state == null || state.getWaiting() == null ? null : state.getWaiting().getReason();
  }

  private static String podImage(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  /** The Deployment is back on the good image after having carried another one. */
  private static boolean failedOnceThenRestored(Deployment d) {
    String revisionHistory =
        d.getMetadata().getAnnotations() == null
            ? "1"
            : d.getMetadata()
                .getAnnotations()
                .getOrDefault("deployment.kubernetes.io/revision", "1");
    return GOOD.equals(image(d)) && Integer.parseInt(revisionHistory) >= 3;
  }

  private static String configMapOf(Deployment d) {
    return d.getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnvFrom()
        .get(0)
        .getConfigMapRef()
        .getName();
  }

  private static String sonarrHistory(TestCluster cluster) {
    return String.valueOf(
        media(cluster, "sonarr").getStatus().getHistory().stream()
            .map(h -> h.getResult())
            .toList());
  }

  private static void report(String what, Instant failureVisible, Instant rollbackWritten) {
    long total = Duration.between(failureVisible, rollbackWritten).toMillis();
    System.out.printf(
        "[figure] %s: failure visible -> rollback written %d ms (failure window %s, decision %d ms)%n",
        what, total, FAILURE_WINDOW, total - 3000);
  }
}
