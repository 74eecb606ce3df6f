package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.TestCluster;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** What the real-node tests write and ask, as a user would: services, and requests from a pod. */
final class RealNodeServices {

  private RealNodeServices() {}

  /** A podinfo service on the real node, with a real HTTP readiness probe. */
  static String podinfo(String name, String tag) {
    return podinfoImage(name, "stackpilot.test/podinfo:" + tag);
  }

  /**
   * A podinfo service on the real node running {@code image}, judged over a short failure window so
   * a failing upgrade is rolled back within the test's time. podinfo answers within a second of
   * starting, so its startup budget is short too: a build that runs without ever answering is found
   * within the test's time, not the default hour.
   */
  static String podinfoImage(String name, String image) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %s
        spec:
          channels:
            stable:
              image: %s
          ports:
            - name: http
              port: 9898
          health:
            http: {path: /readyz, port: http}
            initialDelaySeconds: 1
            periodSeconds: 2
            startup: {timeout: 20s, periodSeconds: 2}
          nodeSelector:
            %s: real
          tolerations:
            - {key: %s, operator: Exists, effect: NoSchedule}
          recovery:
            failureWindow: 10s
            progressDeadline: 60s
        """
        .formatted(name, image, RealNode.LABEL, RealNode.TAINT);
  }

  /** Waits until the service is Ready; a failure prints its whole status. */
  static void awaitReady(TestCluster cluster, String name, Duration atMost) {
    eventually(atMost)
        .untilAsserted(
            () -> {
              MediaService service = media(cluster, name);
              assertThat(ready(service))
                  .as(
                      "%s Ready; status: %s%npods: %s",
                      name, service.getStatus(), podStates(cluster, name))
                  .isTrue();
            });
  }

  /** Each pod of the service with its container states and the log of its app container. */
  static String podStates(TestCluster cluster, String name) {
    var client = cluster.client().pods().inNamespace(cluster.namespace());
    return pods(cluster, name).stream()
        .map(
            p -> {
              String log;
              try {
                log = client.withName(p.getMetadata().getName()).tailingLines(20).getLog();
              } catch (RuntimeException e) {
                log = "(no log: " + e.getMessage() + ")";
              }
              return p.getMetadata().getName()
                  + " "
                  + p.getStatus().getContainerStatuses()
                  + "\n  log: "
                  + log;
            })
        .toList()
        .toString();
  }

  /**
   * A GET from a pod on the real node (busybox's wget), as another app of the namespace would make
   * it; returns the body. Fails with the pod's whole status and log when the request fails.
   */
  static String request(TestCluster cluster, String url) {
    // busybox wget crashes with its own -T; timeout bounds the request instead.
    return run(
        cluster,
        url,
        "/bin/busybox",
        "timeout",
        "10",
        "/bin/busybox",
        "wget",
        "-q",
        "-O",
        "-",
        url);
  }

  /**
   * A GET from a pod on the real node that may fail: returns {@code exit=0} when an answer came,
   * another exit code (and wget's complaint) when the connection was refused or timed out.
   */
  static String attempt(TestCluster cluster, String url) {
    String script =
        "/bin/busybox timeout 5 /bin/busybox wget -q -O /dev/null " + url + "; echo exit=$?";
    return run(cluster, url, "/bin/busybox", "sh", "-c", script).trim();
  }

  /** {@code count} GETs of the URL from one pod, one new connection each; returns each body. */
  static List<String> requests(TestCluster cluster, String url, int count) {
    String script =
        "for i in $(/bin/busybox seq "
            + count
            + "); do /bin/busybox timeout 10 /bin/busybox wget -q -O - "
            + url
            + " || exit 1; echo; echo "
            + SEPARATOR
            + "; done";
    String log = run(cluster, url, "/bin/busybox", "sh", "-c", script);
    return Arrays.stream(log.split(SEPARATOR)).map(String::trim).filter(b -> !b.isEmpty()).toList();
  }

  private static final String SEPARATOR = "--- next answer ---";

  /** Runs the command in a pod on the real node and returns its log once it has succeeded. */
  private static String run(TestCluster cluster, String url, String... command) {
    String name = "client-" + UUID.randomUUID().toString().substring(0, 8);
    Pod client =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addToNodeSelector(RealNode.LABEL, "real")
            .addNewToleration()
            .withKey(RealNode.TAINT)
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .endToleration()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(65534L)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .addNewContainer()
            .withName("wget")
            .withImage("stackpilot.test/busybox:1")
            .withCommand(command)
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();
    var pods = cluster.client().pods().inNamespace(cluster.namespace());
    pods.resource(client).create();
    eventually(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Pod now = pods.withName(name).get();
              assertThat(now.getStatus().getPhase())
                  .as("client pod %s finished; status: %s", name, now.getStatus())
                  .isIn("Succeeded", "Failed");
            });
    Pod done = pods.withName(name).get();
    String log = pods.withName(name).getLog();
    assertThat(done.getStatus().getPhase())
        .as("GET %s from a pod: %s\nlog: %s", url, done.getStatus(), log)
        .isEqualTo("Succeeded");
    pods.withName(name).delete();
    return log;
  }
}
