package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * An upgrade whose migration runs far longer than the liveness probe tolerates: under the startup
 * probe the kubelet neither restarts the container nor counts it unready, and Stackpilot neither
 * counts the revision as failing nor rolls it back. The migration runs once and the new build
 * serves the migrated data.
 */
@WithLocalCluster
class RealNodeSlowStartIT {

  private static final Duration WAIT = Duration.ofSeconds(180);

  /** Five times what liveness tolerates (period 1 s, twice the readiness threshold of 3). */
  private static final int MIGRATION_SECONDS = 30;

  @Test
  void aMigrationLongerThanLivenessToleratesCompletesUnderTheStartupProbe(
      TestCluster cluster, RealNode node) {
    var data = node.hostDirectory(cluster.namespace() + "-slow", 1000);
    Set<String> phasesSeen = ConcurrentHashMap.newKeySet();
    try (RunningOperator operator = cluster.startOperator();
        var volume = LedgerVolume.create(cluster, "ledger-data", data)) {
      apply(cluster, "v1");
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      LedgerApp.add(cluster, "before-the-upgrade");

      Instant upgrading = Instant.now();
      apply(cluster, "v2");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService ledger = media(cluster, "ledger");
                phasesSeen.add(String.valueOf(ledger.getStatus().getPhase()));
                assertThat(ledger.getStatus().getPhase())
                    .as(
                        "%s%npods: %s",
                        ledger.getStatus(), RealNodeServices.podStates(cluster, "ledger"))
                    .isEqualTo("Healthy");
                assertThat(ledger.getStatus().getImage()).isEqualTo("stackpilot.test/ledger:v2");
              });
      System.out.printf(
          "[figure] real node: upgrade with a %d s migration (liveness gives up after 6 s) ->"
              + " Healthy on the new build after %d ms; phases seen: %s%n",
          MIGRATION_SECONDS, Duration.between(upgrading, Instant.now()).toMillis(), phasesSeen);

      Pod pod = pods(cluster, "ledger").get(0);
      ContainerStatus container = pod.getStatus().getContainerStatuses().get(0);
      assertThat(container.getRestartCount())
          .as("restarts of the migrating container: %s", container)
          .isZero();
      assertThat(phasesSeen).as("phases while it migrated").doesNotContain("Failing", "RolledBack");
      String info = LedgerApp.info(cluster);
      assertThat(info).contains("version=2", "dataSchema=2", "entry=before-the-upgrade");
      assertThat(info.lines().filter(l -> l.startsWith("migration=")))
          .as("the app's own record of its migrations: one, finished")
          .singleElement()
          .satisfies(m -> assertThat(m).contains("migrated from schema 1 to 2"));
    }
  }

  private static void apply(TestCluster cluster, String build) {
    cluster
        .kubectlWithInput(
            """
            apiVersion: stackpilot.io/v1alpha1
            kind: MediaService
            metadata:
              name: ledger
            spec:
              # The folder on the node belongs to Restricted's uid, 1000.
              securityProfile: Restricted
              channels:
                stable: {image: "stackpilot.test/ledger:%s"}
              env: [{name: LEDGER_MIGRATION_SECONDS, value: "%d"}]
              ports: [{name: http, port: 8080}]
              storage: [{name: data, mountPath: /data, existingClaim: ledger-data}]
              health:
                http: {path: /cgi-bin/health, port: http}
                initialDelaySeconds: 1
                periodSeconds: 1
                failureThreshold: 3
                startup: {timeout: 2m, periodSeconds: 2}
              nodeSelector: {%s: real}
              tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
              recovery: {failureWindow: 5s, progressDeadline: 20s}
            """
                .formatted(build, MIGRATION_SECONDS, RealNode.LABEL, RealNode.TAINT),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
