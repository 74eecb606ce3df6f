package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A configuration file the app reads, changed to one that keeps it from turning ready: the rollback
 * puts the old file back into the running container, and the app itself says so.
 */
@WithLocalCluster
class RealNodeConfigRollbackIT {

  private static final Duration WAIT = Duration.ofSeconds(150);

  @Test
  void aConfigurationThatBreaksTheAppIsRolledBackWithTheOldFileContent(
      TestCluster cluster, RealNode node) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, "ui-message: the first configuration\n");
      RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
      String url = "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9898/";
      assertThat(RealNodeServices.request(cluster, url)).contains("the first configuration");

      // podinfo reads the file and never turns ready: the revision does not come up.
      apply(cluster, "ui-message: the second configuration\nunready: true\n");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService podinfo = media(cluster, "podinfo");
                assertThat(podinfo.getStatus().getPhase())
                    .as("%s", podinfo.getStatus())
                    .isEqualTo("RolledBack");
                assertThat(pods(cluster, "podinfo"))
                    .singleElement()
                    .satisfies(
                        p ->
                            assertThat(p.getStatus().getContainerStatuses().get(0).getReady())
                                .as("%s", p.getStatus())
                                .isTrue());
              });

      String answer = RealNodeServices.request(cluster, url);
      assertThat(answer).contains("the first configuration").doesNotContain("the second");
      assertThat(RealNodeServices.request(cluster, url + "configs"))
          .as("the file in the running container")
          .contains("the first configuration")
          .doesNotContain("unready");
      assertThat(events(cluster, "podinfo", "RolledBack")).hasSize(1);
      assertThat(node.guardDrops()).isZero();
    }
  }

  private static void apply(TestCluster cluster, String configFile) {
    String indented = configFile.indent(10).stripTrailing();
    String service =
        RealNodeServices.podinfo("podinfo", "healthy")
                .replace("progressDeadline: 60s", "progressDeadline: 20s")
            + """
              env:
                - {name: PODINFO_CONFIG_PATH, value: /config}
              configFiles:
                - path: /config/config.yaml
                  content: |
            %s
            """
                .formatted(indented);
    cluster.kubectlWithInput(service, "apply", "-f", "-").assertSuccess();
  }
}
