package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.FirstSeen;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failing upgrades on a real node: a build that exits at start (a real CrashLoopBackOff under
 * kubelet's back-off) and an image that cannot be pulled are rolled back exactly, and the old build
 * answers HTTP again through its Service.
 */
@WithLocalCluster
class RealNodeRecoveryIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final String HEALTHY = "stackpilot.test/podinfo:healthy";

  @Test
  void anUpgradeToABuildThatExitsAtStartIsRolledBack(TestCluster cluster, RealNode node) {
    rollsBackAnUpgradeTo(cluster, "stackpilot.test/podinfo:crash", "CrashLoopBackOff");
  }

  @Test
  void anUpgradeToAnImageThatIsNotThereIsRolledBack(TestCluster cluster, RealNode node) {
    // Refused at once on loopback: no name lookup, no traffic off the machine.
    rollsBackAnUpgradeTo(
        cluster, "127.0.0.1:1/stackpilot/podinfo:missing", "ErrImagePull", "ImagePullBackOff");
  }

  private static void rollsBackAnUpgradeTo(TestCluster cluster, String badImage, String... causes) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster
          .kubectlWithInput(RealNodeServices.podinfoImage("podinfo", HEALTHY), "apply", "-f", "-")
          .assertSuccess();
      RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
      String healthyRevision = media(cluster, "podinfo").getStatus().getRevision();
      String healthyTemplate = template(cluster);

      Instant failureVisible;
      Instant rollbackWritten;
      try (var failure =
              new FirstSeen<Pod>(
                  cluster.client().pods().inNamespace(cluster.namespace()),
                  p -> badImage.equals(image(p)) && List.of(causes).contains(waiting(p)));
          var rollback =
              new FirstSeen<MediaService>(
                  cluster.client().resources(MediaService.class).inNamespace(cluster.namespace()),
                  s -> s.getStatus() != null && "RolledBack".equals(s.getStatus().getPhase()))) {
        cluster
            .kubectlWithInput(
                RealNodeServices.podinfoImage("podinfo", badImage), "apply", "-f", "-")
            .assertSuccess();
        eventually(WAIT)
            .untilAsserted(
                () ->
                    assertThat(rollback.at().isPresent() && failure.at().isPresent())
                        .as(
                            "failure seen and rollback written; status: %s; pods: %s",
                            media(cluster, "podinfo").getStatus(), podStates(cluster))
                        .isTrue());
        failureVisible = failure.at().get();
        rollbackWritten = rollback.at().get();
      }
      System.out.printf(
          "[figure] real node: %s failure visible to rollback decided %d ms%n",
          badImage, Duration.between(failureVisible, rollbackWritten).toMillis());

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService podinfo = media(cluster, "podinfo");
                assertThat(podinfo.getStatus().getRevision())
                    .as("%s", podinfo.getStatus())
                    .isEqualTo(healthyRevision);
                assertThat(podinfo.getStatus().getQuarantine())
                    .as("%s", podinfo.getStatus())
                    .singleElement()
                    .satisfies(q -> assertThat(q.getImage()).isEqualTo(badImage));
                assertThat(pods(cluster, "podinfo"))
                    .as(podStates(cluster))
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.getStatus().getContainerStatuses().get(0).getReady())
                                .isTrue());
              });
      Instant serving = Instant.now();
      assertThat(template(cluster))
          .as("the rolled-back pod template, exactly")
          .isEqualTo(healthyTemplate);
      String answer =
          RealNodeServices.request(
              cluster, "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9898/");
      assertThat(answer)
          .contains(
              "\"hostname\": \"" + pods(cluster, "podinfo").get(0).getMetadata().getName() + "\"");
      System.out.printf(
          "[figure] real node: %s failure visible to old revision serving %d ms%n",
          badImage, Duration.between(failureVisible, serving).toMillis());
      assertThat(events(cluster, "podinfo", "RolledBack")).hasSize(1);
    }
  }

  private static String template(TestCluster cluster) {
    Deployment deployment =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(cluster.namespace())
            .withName("podinfo")
            .get();
    return cluster.client().getKubernetesSerialization().asJson(deployment.getSpec().getTemplate());
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  private static String waiting(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return null;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason())
        .findFirst()
        .orElse(null);
  }

  private static String podStates(TestCluster cluster) {
    return pods(cluster, "podinfo").stream()
        .map(
            p ->
                p.getMetadata().getName()
                    + " "
                    + image(p)
                    + " "
                    + p.getStatus().getContainerStatuses())
        .toList()
        .toString();
  }
}
