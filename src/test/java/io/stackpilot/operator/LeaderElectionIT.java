package io.stackpilot.operator;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Two replicas: one reconciles, the other waits; when the leader stops, the other takes over. */
@WithLocalCluster
class LeaderElectionIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void onlyTheLeaderActsAndTheOtherTakesOverWhenItStops(TestCluster cluster) {
    RunningOperator first = cluster.startReplica("replica-a");
    try (RunningOperator second = cluster.startReplica("replica-b")) {
      eventually(WAIT).until(() -> holder(cluster) != null);
      String leader = holder(cluster);
      RunningOperator active = leader.equals("replica-a") ? first : second;
      RunningOperator standby = active == first ? second : first;

      apply(cluster, "lscr.io/linuxserver/prowlarr:1.37.0");
      eventually(WAIT).until(() -> ready(media(cluster, "prowlarr")));
      assertThat(active.reconciles()).isPositive();
      assertThat(standby.reconciles()).as("the standby never reconciles").isZero();
      assertThat(standby.requests().writesExcept("/leases/"))
          .as("nor writes anything but its bid for the Lease:\n" + standby.requests().writesSeen())
          .isZero();

      Instant stopped = Instant.now();
      active.close();
      apply(cluster, "lscr.io/linuxserver/prowlarr:1.38.0");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(holder(cluster)).isEqualTo(standby == first ? "replica-a" : "replica-b");
                assertThat(media(cluster, "prowlarr").getStatus().getImage())
                    .isEqualTo("lscr.io/linuxserver/prowlarr:1.38.0");
                assertThat(ready(media(cluster, "prowlarr"))).isTrue();
              });
      System.out.printf(
          "[figure] leader failover: leader stopped to change applied by the new leader in %d ms%n",
          Duration.between(stopped, Instant.now()).toMillis());
    } finally {
      first.close();
    }
  }

  private static String holder(TestCluster cluster) {
    return ServiceQueries.leaseHolder(cluster).orElse(null);
  }

  private static void apply(TestCluster cluster, String image) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: prowlarr}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 9696}]
        """
                .formatted(image),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
