package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service on a real node: a real container, a real HTTP readiness probe, a real Service reached
 * through kube-proxy by its DNS name from another pod.
 */
@WithLocalCluster
class RealNodeServiceIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void aServiceTurnsReadyThroughARealProbeAndAnswersByItsDnsName(
      TestCluster cluster, RealNode node) {
    try (RunningOperator operator = cluster.startOperator()) {
      Instant applied = Instant.now();
      cluster
          .kubectlWithInput(RealNodeServices.podinfo("podinfo", "healthy"), "apply", "-f", "-")
          .assertSuccess();
      RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
      Duration toReady = Duration.between(applied, Instant.now());
      System.out.println("[figure] real node: apply to Ready " + toReady.toMillis() + " ms");

      List<Pod> running = pods(cluster, "podinfo");
      assertThat(running).hasSize(1);
      Pod pod = running.get(0);
      assertThat(pod.getSpec().getNodeName()).as("scheduled on").isEqualTo(RealNode.NAME);
      assertThat(pod.getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath())
          .isEqualTo("/readyz");
      assertThat(pod.getStatus().getContainerStatuses().get(0).getReady())
          .as(pod.getStatus().toString())
          .isTrue();

      String answer =
          RealNodeServices.request(
              cluster, "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9898/");
      assertThat(answer).contains("\"hostname\": \"" + pod.getMetadata().getName() + "\"");
      System.out.println(
          "[figure] real node: started in "
              + node.startupTime().toMillis()
              + " ms; process RSS KiB "
              + node.residentKib());
      assertThat(node.guardDrops()).as("packets that tried to leave the machine").isZero();
    }
  }
}
