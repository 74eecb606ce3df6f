package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A single-replica service on a ReadWriteOnce volume moves to its beta channel by a swap: the old
 * pod stops before the new one starts. Shown twice on a real node: by the containers the kubelet
 * reports running, and by the app itself, which records in the volume when it starts and stops.
 */
@WithLocalCluster
class RealNodeSwapIT {

  private static final Duration WAIT = Duration.ofSeconds(180);

  @Test
  void aSingleWriterSwapNeverRunsTwoContainersOnTheVolume(TestCluster cluster, RealNode node) {
    var data = node.hostDirectory(cluster.namespace() + "-swap", 1000);
    Set<String> running = ConcurrentHashMap.newKeySet();
    AtomicInteger most = new AtomicInteger();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ResourceEventHandler<Pod> kubeletView =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            record(pod);
          }

          @Override
          public void onUpdate(Pod old, Pod pod) {
            record(pod);
          }

          @Override
          public void onDelete(Pod pod, boolean unknown) {
            running.remove(pod.getMetadata().getName());
          }

          private void record(Pod pod) {
            String name = pod.getMetadata().getName();
            if (containerRunning(pod)) {
              running.add(name);
              seen.add(name + " running " + running);
            } else {
              running.remove(name);
            }
            most.accumulateAndGet(running.size(), Math::max);
          }
        };
    try (RunningOperator operator = cluster.startOperator();
        var volume = LedgerVolume.create(cluster, "ledger-data", data);
        var watch =
            cluster
                .client()
                .pods()
                .inNamespace(cluster.namespace())
                .withLabel("app.kubernetes.io/instance", "ledger")
                .inform(kubeletView)) {
      apply(cluster, "stable");
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      assertThat(LedgerApp.get(cluster, "/cgi-bin/add?before-the-swap")).contains("added");

      apply(cluster, "beta");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService ledger = media(cluster, "ledger");
                assertThat(ledger.getStatus().getRollout().getState())
                    .as("%s", ledger.getStatus())
                    .isEqualTo("Promoted");
                assertThat(ledger.getStatus().getPhase())
                    .as("%s", ledger.getStatus())
                    .isEqualTo("Healthy");
              });

      String info = LedgerApp.get(cluster, "/cgi-bin/info");
      assertThat(info)
          .as("beta serves the data written before the swap, migrated")
          .contains("version=2")
          .contains("dataSchema=2")
          .contains("entry=before-the-swap");
      List<String> writers = LedgerApp.writers(info);
      assertThat(writers).as("the app's own record of who ran on the volume").hasSize(3);
      assertThat(writers.get(0)).contains(" start ").contains(" v1 ");
      assertThat(writers.get(1)).contains(" stop ").contains(" v1 ");
      assertThat(writers.get(2)).contains(" start ").contains(" v2 ");
      assertThat(most.get())
          .as("containers of the ledger the kubelet reported running at once: %s", seen)
          .isEqualTo(1);
    }
  }

  private static boolean containerRunning(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getContainerStatuses() != null
        && pod.getStatus().getContainerStatuses().stream()
            .anyMatch(c -> c.getState() != null && c.getState().getRunning() != null);
  }

  /** The ledger on a claim the user owns: v1 on stable, v2 (a schema migration) on beta. */
  private static void apply(TestCluster cluster, String channel) {
    cluster
        .kubectlWithInput(
            """
            apiVersion: stackpilot.io/v1alpha1
            kind: MediaService
            metadata:
              name: ledger
            spec:
              channel: %s
              # The folder on the node belongs to Restricted's uid, 1000.
              securityProfile: Restricted
              channels:
                stable: {image: "stackpilot.test/ledger:v1"}
                beta: {image: "stackpilot.test/ledger:v2"}
              ports: [{name: http, port: 8080}]
              storage: [{name: data, mountPath: /data, existingClaim: ledger-data}]
              health:
                http: {path: /cgi-bin/health, port: http}
                initialDelaySeconds: 1
                periodSeconds: 1
              nodeSelector: {%s: real}
              tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
              recovery: {failureWindow: 5s, progressDeadline: 60s}
              betaRollout:
                stages:
                  - {name: limited, percent: 10, soak: 3s}
                  - {name: open, percent: 100, soak: 3s}
            """
                .formatted(channel, RealNode.LABEL, RealNode.TAINT),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
