package io.stackpilot.faults;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A restart the cluster is slow to carry out (here a pod quota holds the replacement pod back, as a
 * controller manager catching up after an outage or a full node would) is a restart in progress,
 * not a failed one: Stackpilot must not restart again while the pod it is replacing keeps crashing.
 */
@WithLocalCluster
class SlowRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String IMAGE = "lscr.io/linuxserver/radarr:5.14.0";

  @Test
  void aRestartTheClusterIsSlowToCarryOutIsNotRepeated(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectlWithInput(
              """
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: radarr}
          spec:
            channels: {stable: {image: %s}}
            ports: [{name: http, port: 7878}]
            recovery: {failureWindow: 2s, maxRestarts: 3, restartWindow: 10m}
          """
                  .formatted(IMAGE),
              "apply",
              "-f",
              "-")
          .assertSuccess();
      eventually(WAIT).until(() -> judgedHealthy(Owned.service(cluster, "radarr")));

      // Room for the one pod that runs now and no more: the restart's replacement cannot be
      // created.
      cluster.kubectl("create", "quota", "one-pod", "--hard=pods=1").assertSuccess();
      eventually(WAIT)
          .until(
              () ->
                  new Quantity("1")
                      .equals(
                          cluster
                              .client()
                              .resourceQuotas()
                              .inNamespace(cluster.namespace())
                              .withName("one-pod")
                              .get()
                              .getStatus()
                              .getUsed()
                              .get("pods")));
      Pod pod = Owned.pods(cluster, "radarr").get(0);
      cluster
          .kubectl(
              "annotate", "pod", pod.getMetadata().getName(), "kwok.stackpilot.io/fault=crashloop")
          .assertSuccess();
      eventually(WAIT).until(() -> Owned.events(cluster, "radarr", "Restarted", "") == 1);

      // Longer than the failure window and the first back-off together: an operator judging the
      // restart by the crashing pod would restart again in this time.
      await("no second restart while the replacement pod cannot start")
          .during(Duration.ofSeconds(20))
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> Owned.events(cluster, "radarr", "Restarted", "") == 1);

      // The reason is in the status, not only in the ReplicaSet's events.
      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(Owned.service(cluster, "radarr").getStatus().getConditions())
                      .as(Owned.describe(cluster, "radarr"))
                      .anySatisfy(
                          c ->
                              assertThat(c.getMessage())
                                  .contains("the cluster refuses its pods")
                                  .contains("exceeded quota")));

      cluster.kubectl("delete", "quota", "one-pod").assertSuccess();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(judgedHealthy(Owned.service(cluster, "radarr"))).isTrue();
                assertThat(Owned.allReadyOn(cluster, "radarr", IMAGE, 1)).isTrue();
              });
      assertThat(Owned.events(cluster, "radarr", "Restarted", ""))
          .as(Owned.describe(cluster, "radarr"))
          .isEqualTo(1);
      assertThat(Owned.events(cluster, "radarr", "Degraded", "")).isZero();
      assertThat(Owned.service(cluster, "radarr").getStatus().getRecovery().getRestarts())
          .isEqualTo(1);
    }
  }

  private static boolean judgedHealthy(MediaService service) {
    return service != null
        && service.getStatus() != null
        && "Healthy".equals(service.getStatus().getPhase())
        && service.getStatus().getRevision() != null
        && service.getStatus().getRevision().equals(service.getStatus().getLastHealthyRevision());
  }
}
