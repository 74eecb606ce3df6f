package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.PodSecurityLevel;
import io.stackpilot.testing.PodSecurityLevel.Level;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A pod of more than the app, on the real node: an init container prepares the app's content before
 * it starts, a native sidecar keeps writing beside it, a ConfigMap key is mounted as one file
 * through subPath, and the shared scratch space lives in memory. The app is busybox's httpd serving
 * that scratch space, so every claim is checked by asking it over HTTP.
 */
@WithLocalCluster
@PodSecurityLevel(Level.RESTRICTED) // every pod here runs Restricted, sidecars included
class RealNodePodShapesIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final String BUSYBOX = "stackpilot.test/busybox:1";

  @Test
  void anInitContainerPreparesASidecarRunsBesideAndVolumesMountAsAsked(
      TestCluster cluster, RealNode node) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster.kubectlWithInput(objects(), "apply", "-f", "-").assertSuccess();
      RealNodeServices.awaitReady(cluster, "web", WAIT);

      assertThat(get(cluster, "/init.txt"))
          .as("written by the init container before the app started")
          .contains("prepared-by-init");
      assertThat(get(cluster, "/greeting.txt"))
          .as("the ConfigMap key, mounted as one file through subPath")
          .contains("hello from a ConfigMap");
      assertThat(get(cluster, "/mounts.txt"))
          .as("the scratch space, as the sidecar sees it mounted")
          .contains(" /www tmpfs ");
      long first = Long.parseLong(get(cluster, "/beat.txt").trim());
      eventually(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(Long.parseLong(get(cluster, "/beat.txt").trim()))
                      .as("the sidecar keeps writing while the app serves")
                      .isGreaterThan(first));

      Pod pod = pods(cluster, "web").get(0);
      assertThat(pod.getSpec().getInitContainers())
          .extracting(c -> c.getName() + ":" + c.getRestartPolicy())
          .containsExactly("prepare:null", "beat:Always");
      ContainerStatus prepare = initStatus(pod, "prepare");
      assertThat(prepare.getState().getTerminated())
          .as("%s", pod.getStatus())
          .isNotNull()
          .satisfies(t -> assertThat(t.getExitCode()).isZero());
      ContainerStatus beat = initStatus(pod, "beat");
      assertThat(beat.getState().getRunning()).as("%s", pod.getStatus()).isNotNull();
      assertThat(beat.getStarted()).as("%s", pod.getStatus()).isTrue();
      assertThat(node.guardDrops()).isZero();
    }
  }

  private static ContainerStatus initStatus(Pod pod, String name) {
    return pod.getStatus().getInitContainerStatuses().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no status of " + name + ": " + pod.getStatus()));
  }

  private static String get(TestCluster cluster, String path) {
    return RealNodeServices.request(
        cluster, "http://web." + cluster.namespace() + ".svc.cluster.local:8080" + path);
  }

  private static String objects() {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: web-greeting
        data:
          greeting: hello from a ConfigMap
        ---
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: web
        spec:
          channels:
            stable: {image: "%1$s"}
          securityProfile: Restricted
          command: [/bin/busybox, httpd, -f, -p, "8080", -h, /www]
          ports: [{name: http, port: 8080}]
          volumes:
            - {name: www, emptyDir: {medium: Memory, sizeLimit: 16Mi}}
            - {name: greeting, configMap: {name: web-greeting}}
          volumeMounts:
            - {name: www, mountPath: /www}
            - {name: greeting, mountPath: /www/greeting.txt, subPath: greeting, readOnly: true}
          initContainers:
            - name: prepare
              image: "%1$s"
              command: [/bin/busybox, sh, -c, "echo prepared-by-init > /www/init.txt"]
              volumeMounts: [{name: www, mountPath: /www}]
            - name: beat
              image: "%1$s"
              restartPolicy: Always
              command:
                - /bin/busybox
                - sh
                - -c
                - >-
                  /bin/busybox grep ' /www ' /proc/mounts > /www/mounts.txt;
                  i=0; while true; do i=$((i+1)); echo $i > /www/beat.tmp;
                  /bin/busybox mv /www/beat.tmp /www/beat.txt; /bin/busybox sleep 1; done
              volumeMounts: [{name: www, mountPath: /www}]
          health:
            http: {path: /init.txt, port: http}
            initialDelaySeconds: 1
            periodSeconds: 1
            startup: {timeout: 30s, periodSeconds: 1}
          nodeSelector: {%2$s: real}
          tolerations: [{key: %3$s, operator: Exists, effect: NoSchedule}]
          recovery: {failureWindow: 10s, progressDeadline: 60s}
        """
        .formatted(BUSYBOX, RealNode.LABEL, RealNode.TAINT);
  }
}
