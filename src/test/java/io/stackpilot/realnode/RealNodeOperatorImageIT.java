package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The operator's image, built here without a registry by scripts/operator-image from the jar this
 * build packaged, runs on the real node as the chart runs it: user 10001, a read-only root
 * filesystem, no capability, the Dockerfile's JVM flags, its class data sharing archives mapped. It
 * checks the example stack offline, so the run needs no access to the API server.
 */
@WithLocalCluster
class RealNodeOperatorImageIT {

  private static final Duration WAIT = Duration.ofSeconds(180);

  @Test
  void theImageBuiltHereRunsTheJarWithTheDockerfilesFlagsUnderTheChartsRestrictions(
      TestCluster cluster, RealNode node) throws Exception {
    OperatorImage.importInto(node);

    cluster
        .kubectl("create", "configmap", "homelab", "--from-file=examples/homelab/")
        .assertSuccess();
    Instant started = Instant.now();
    cluster.kubectlWithInput(pod(), "apply", "-f", "-").assertSuccess();
    Pod done =
        eventually(WAIT)
            .until(
                () ->
                    cluster
                        .client()
                        .pods()
                        .inNamespace(cluster.namespace())
                        .withName("stackpilot-validate")
                        .get(),
                p ->
                    p != null
                        && p.getStatus() != null
                        && ("Succeeded".equals(p.getStatus().getPhase())
                            || "Failed".equals(p.getStatus().getPhase())));
    String log =
        cluster
            .client()
            .pods()
            .inNamespace(cluster.namespace())
            .withName("stackpilot-validate")
            .getLog();
    System.out.printf(
        "[figure] operator image: pod applied -> validation done %d ms%n",
        Duration.between(started, Instant.now()).toMillis());
    assertThat(done.getStatus().getPhase())
        .as("%s%n%s", done.getStatus(), log)
        .isEqualTo("Succeeded");
    assertThat(done.getSpec().getNodeName()).isEqualTo(RealNode.NAME);
    assertThat(log)
        .as("the Dockerfile's flags, picked up by the JVM")
        .contains("Picked up JAVA_TOOL_OPTIONS: " + OperatorImage.dockerfileJavaOptions())
        .contains("0 error(s)");
  }

  /** The chart's pod and container security settings, with the example stack to check. */
  private static String pod() {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: stackpilot-validate
        spec:
          restartPolicy: Never
          nodeSelector: {%s: real}
          tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
          securityContext:
            runAsNonRoot: true
            runAsUser: 10001
            runAsGroup: 10001
            seccompProfile: {type: RuntimeDefault}
          containers:
            - name: operator
              image: %s
              imagePullPolicy: Never
              # -Xshare:on: the JVM refuses to start unless it maps the image's class data
              # sharing archives, which JAVA_TOOL_OPTIONS names (without it, an archive the JVM
              # cannot use would be skipped silently).
              command: [java, -Xshare:on, -jar, /opt/stackpilot/stackpilot.jar, validate, -f, /examples]
              securityContext:
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                runAsNonRoot: true
                capabilities: {drop: [ALL]}
                seccompProfile: {type: RuntimeDefault}
              resources:
                limits: {memory: 512Mi}
              volumeMounts:
                - {name: tmp, mountPath: /tmp}
                - {name: examples, mountPath: /examples}
          volumes:
            - name: tmp
              emptyDir: {sizeLimit: 64Mi}
            - name: examples
              configMap: {name: homelab}
        """
        .formatted(RealNode.LABEL, RealNode.TAINT, OperatorImage.NAME);
  }
}
