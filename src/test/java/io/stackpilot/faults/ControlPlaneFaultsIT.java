package io.stackpilot.faults;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.FirstSeen;
import io.stackpilot.testing.OwnControlPlane;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane fails under a running operator: kube-apiserver restarts, etcd restarts, the API
 * server is gone for 30 s. Each time the operator must reconnect by itself, act on what changed
 * meanwhile (a spec change, a pod of a healthy service that starts crashing) and then stay quiet.
 * These tests stop parts of the control plane, so they run on one of their own, never on the shared
 * one.
 */
class ControlPlaneFaultsIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final String SONARR_BEFORE = "lscr.io/linuxserver/sonarr:4.0.14";
  private static final String SONARR_AFTER = "lscr.io/linuxserver/sonarr:4.0.15";
  private static final String RADARR = "lscr.io/linuxserver/radarr:5.14.0";

  private static OwnControlPlane plane;

  @BeforeAll
  static void startOwnControlPlane() {
    plane = OwnControlPlane.start();
  }

  @AfterAll
  static void stopOwnControlPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void apiServerRestartedRightAfterASpecChange() throws IOException {
    TestCluster cluster = plane.newNamespace("apiserver-restart");
    try (RunningOperator operator = cluster.startOperator()) {
      settleBoth(cluster);
      // The change races the stop: the operator may or may not have acted on it before the API
      // went.
      applySonarr(cluster, SONARR_AFTER);
      plane.plane().stopApiServer();
      plane.plane().startApiServer();
      Instant back = Instant.now();
      failRadarrPod(cluster);
      recoversAndStaysQuiet(cluster, operator, "kube-apiserver restart", back);
    }
  }

  @Test
  void etcdRestarted() throws IOException {
    TestCluster cluster = plane.newNamespace("etcd-restart");
    try (RunningOperator operator = cluster.startOperator()) {
      settleBoth(cluster);
      plane.plane().restartEtcd();
      Instant back = Instant.now();
      applySonarr(cluster, SONARR_AFTER);
      failRadarrPod(cluster);
      recoversAndStaysQuiet(cluster, operator, "etcd restart", back);
    }
  }

  @Test
  void apiServerUnreachableForThirtySeconds() throws IOException {
    TestCluster cluster = plane.newNamespace("apiserver-outage");
    try (RunningOperator operator = cluster.startOperator()) {
      settleBoth(cluster);
      plane.plane().stopApiServer();
      Instant down = Instant.now();
      // The outage is observed, not slept through: the API must stay unreachable for the whole
      // window.
      await("the API server unreachable for " + OUTAGE.toSeconds() + " s")
          .during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !cluster.apiServerReachable());
      plane.plane().startApiServer();
      Instant back = Instant.now();
      System.out.printf(
          "[figure] control-plane faults: API server down for %d s%n",
          Duration.between(down, back).toSeconds());
      // Made at once, while the operator's watches are still backing off: it learns of them only by
      // resyncing.
      applySonarr(cluster, SONARR_AFTER);
      failRadarrPod(cluster);
      recoversAndStaysQuiet(cluster, operator, "API server unreachable 30 s", back);
    }
  }

  /**
   * After the fault: the operator answers again, rolls sonarr out to its new image, restarts
   * radarr's crashing pod once, and then writes nothing while both are reconciled again and again.
   */
  private void recoversAndStaysQuiet(
      TestCluster cluster, RunningOperator operator, String fault, Instant back) {
    try (var rolledOut =
        new FirstSeen<Deployment>(
            cluster
                .client()
                .apps()
                .deployments()
                .inNamespace(cluster.namespace())
                .withName("sonarr"),
            d -> SONARR_AFTER.equals(Owned.image(d)))) {
      eventually(WAIT)
          .until(() -> operator.requests().lastAnswered().filter(t -> t.isAfter(back)).isPresent());
      Instant reconnected = operator.requests().lastAnswered().orElseThrow();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = Owned.service(cluster, "sonarr");
                assertThat(sonarr.getStatus().getImage()).isEqualTo(SONARR_AFTER);
                assertThat(sonarr.getStatus().getLastHealthyRevision())
                    .isEqualTo(sonarr.getStatus().getRevision());
                assertThat(Owned.allReadyOn(cluster, "sonarr", SONARR_AFTER, 1)).isTrue();
                MediaService radarr = Owned.service(cluster, "radarr");
                assertThat(Owned.events(cluster, "radarr", "Restarted", "")).isPositive();
                assertThat(radarr.getStatus().getPhase()).isEqualTo("Healthy");
                assertThat(Owned.allReadyOn(cluster, "radarr", RADARR, 1)).isTrue();
              });
      Instant settled = Instant.now();
      assertThat(rolledOut.at()).isPresent();

      assertThat(Owned.events(cluster, "radarr", "Restarted", ""))
          .as("restarts of radarr, one per failure:%n%s", Owned.describe(cluster, "radarr"))
          .isEqualTo(1);
      long quietWrites = quietWindow(cluster, operator);
      assertThat(
              Owned.events(cluster, "sonarr", "Restarted", "")
                  + Owned.events(cluster, "sonarr", "RolledBack", ""))
          .as("recovery actions on sonarr, which never failed")
          .isZero();
      Instant restarted =
          Owned.allEvents(cluster).stream()
              .filter(e -> "Restarted".equals(e.getReason()))
              .map(e -> Instant.parse(e.getFirstTimestamp()))
              .findFirst()
              .orElseThrow();
      System.out.printf(
          "[figure] control-plane faults: %s: operator answered again %d ms after the API server was"
              + " back, sonarr's change on its Deployment after %d ms, radarr's restart written after %d ms, both"
              + " services settled (pods ready) after %d ms; writes in the quiet window after: %d%n",
          fault,
          Duration.between(back, reconnected).toMillis(),
          Duration.between(back, rolledOut.at().get()).toMillis(),
          Duration.between(back, restarted).toMillis(),
          Duration.between(back, settled).toMillis(),
          quietWrites);
      assertThat(quietWrites)
          .as(
              "writes after the operator settled (a thrashing operator keeps writing):%n%s",
              operator.requests().writesSeen())
          .isZero();
    }
  }

  /**
   * Three rounds of reconciles of both services, each caused by a harmless annotation, with the
   * operator's writes counted over them; returns the writes.
   */
  private static long quietWindow(TestCluster cluster, RunningOperator operator) {
    long before = operator.requests().writes();
    for (int poke = 1; poke <= 3; poke++) {
      double reconciles = operator.reconciles();
      for (String service : List.of("sonarr", "radarr")) {
        cluster
            .kubectl(
                "annotate", "--overwrite", "mediaservice/" + service, "test.example/poke=" + poke)
            .assertSuccess();
      }
      eventually(WAIT).until(() -> operator.reconciles() >= reconciles + 2);
    }
    return operator.requests().writes() - before;
  }

  private static void settleBoth(TestCluster cluster) {
    applySonarr(cluster, SONARR_BEFORE);
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: radarr}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 7878}]
          recovery: {failureWindow: 3s, maxRestarts: 3, restartWindow: 10m}
        """
                .formatted(RADARR),
            "apply",
            "-f",
            "-")
        .assertSuccess();
    eventually(WAIT)
        .untilAsserted(
            () -> {
              for (String service : List.of("sonarr", "radarr")) {
                MediaService current = Owned.service(cluster, service);
                assertThat(current.getStatus().getPhase()).isEqualTo("Healthy");
                assertThat(current.getStatus().getLastHealthyRevision())
                    .isEqualTo(current.getStatus().getRevision());
              }
            });
  }

  private static void applySonarr(TestCluster cluster, String image) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: sonarr}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 8989}]
          recovery: {failureWindow: 3s}
        """
                .formatted(image),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  /**
   * radarr's one pod starts crashing, as after a corrupt volume: a healthy revision turned
   * unhealthy.
   */
  private static void failRadarrPod(TestCluster cluster) {
    Pod pod =
        eventually(WAIT)
            .until(() -> Owned.pods(cluster, "radarr"), pods -> pods.size() == 1)
            .get(0);
    cluster
        .kubectl(
            "annotate", "pod", pod.getMetadata().getName(), "kwok.stackpilot.io/fault=crashloop")
        .assertSuccess();
  }
}
