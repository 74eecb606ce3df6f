package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An image that starts as root and drops to PUID/PGID, as linuxserver.io's do, under the
 * StartsAsRoot profile: it gives its volume (a folder root owns on the node) to that user and runs
 * as it, with no capability beyond the profile's. The namespace enforces Pod Security baseline,
 * which the profile is made to pass.
 */
@WithLocalCluster
class RealNodeStartsAsRootIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final int APP_USER = 1234;

  @Test
  void anImageThatStartsAsRootDropsToItsUserAndOwnsItsData(TestCluster cluster, RealNode node)
      throws Exception {
    Path data = node.hostDirectory(cluster.namespace() + "-root", 0);
    try (RunningOperator operator = cluster.startOperator();
        var volume = LedgerVolume.create(cluster, "ledger-data", data)) {
      cluster.kubectlWithInput(service(), "apply", "-f", "-").assertSuccess();
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      LedgerApp.add(cluster, "written-as-the-app-user");

      String info = LedgerApp.info(cluster);
      assertThat(info)
          .as("the app serves as the user it dropped to")
          .contains("uid=" + APP_USER)
          .contains("entry=written-as-the-app-user");
      try (Stream<Path> files = Files.list(data)) {
        assertThat(files.toList())
            .as("the app's files on the node")
            .isNotEmpty()
            .allSatisfy(
                file ->
                    assertThat(Files.getAttribute(file, "unix:uid"))
                        .as("owner of %s", file)
                        .isEqualTo(APP_USER));
      }
      assertThat(Files.getAttribute(data, "unix:uid"))
          .as("the volume's folder, root's before the app started")
          .isEqualTo(APP_USER);
      assertThat(pods(cluster, "ledger"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount())
                      .as("%s", p.getStatus())
                      .isZero());
      assertThat(node.guardDrops()).isZero();
    }
  }

  private static String service() {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: ledger
        spec:
          channels:
            stable: {image: "stackpilot.test/ledger:v1"}
          securityProfile: StartsAsRoot
          securityContext: {runAsUser: 0}
          env:
            - {name: PUID, value: "%d"}
            - {name: PGID, value: "%d"}
          ports: [{name: http, port: 8080}]
          storage: [{name: data, mountPath: /data, existingClaim: ledger-data}]
          health:
            http: {path: /cgi-bin/health, port: http}
            initialDelaySeconds: 1
            periodSeconds: 1
            startup: {timeout: 30s, periodSeconds: 1}
          nodeSelector: {%s: real}
          tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
          recovery: {failureWindow: 10s, progressDeadline: 60s}
        """
        .formatted(APP_USER, APP_USER, RealNode.LABEL, RealNode.TAINT);
  }
}
