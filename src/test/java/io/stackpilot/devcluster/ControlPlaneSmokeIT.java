package io.stackpilot.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.stackpilot.testing.PodSecurityLevel;
import io.stackpilot.testing.PodSecurityLevel.Level;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * Proves that the local control plane does what Stackpilot relies on, driven with kubectl and helm.
 * Its plain Deployments carry no security context at all, so their namespaces admit any pod.
 */
@WithLocalCluster
@PodSecurityLevel(Level.PRIVILEGED)
class ControlPlaneSmokeIT {

  private static final Duration ROLLOUT = Duration.ofSeconds(60);

  /**
   * Awaits a condition on objects that may not have the fields yet: those lookups fail until they
   * do.
   */
  private static ConditionFactory eventually() {
    return await().atMost(ROLLOUT).ignoreExceptions();
  }

  @Test
  void deploymentBecomesAvailableWithReadyPods(TestCluster cluster) {
    cluster
        .kubectlWithInput(deployment("web", "nginx:1.27", 2, 600), "apply", "-f", "-")
        .assertSuccess();

    eventually()
        .untilAsserted(
            () -> {
              Deployment d = deployment(cluster, "web");
              assertThat(condition(d, "Available"))
                  .map(DeploymentCondition::getStatus)
                  .contains("True");
              assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
            });
    List<Pod> pods = pods(cluster, "web");
    assertThat(pods)
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.getSpec().getNodeName()).startsWith("kwok-node-");
              assertThat(p.getStatus().getPhase()).isEqualTo("Running");
              assertThat(p.getStatus().getPodIP()).isNotBlank();
            });
  }

  @Test
  void crashingImageExceedsProgressDeadlineAndRolloutUndoRecovers(TestCluster cluster) {
    cluster
        .kubectlWithInput(deployment("api", "nginx:1.27", 1, 4), "apply", "-f", "-")
        .assertSuccess();
    eventually().until(() -> isAvailable(deployment(cluster, "api")));

    cluster.kubectl("set", "image", "deployment/api", "app=nginx:1.28-crashloop").assertSuccess();

    eventually()
        .untilAsserted(
            () -> {
              Pod crashing =
                  pods(cluster, "api").stream()
                      .filter(
                          p -> p.getSpec().getContainers().get(0).getImage().endsWith("-crashloop"))
                      .findFirst()
                      .orElseThrow();
              var status = crashing.getStatus().getContainerStatuses().get(0);
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getRestartCount()).isGreaterThanOrEqualTo(2);
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
              assertThat(crashing.getStatus().getPhase()).isEqualTo("Running");
            });
    eventually()
        .untilAsserted(
            () -> {
              Optional<DeploymentCondition> progressing =
                  condition(deployment(cluster, "api"), "Progressing");
              assertThat(progressing).map(DeploymentCondition::getStatus).contains("False");
              assertThat(progressing)
                  .map(DeploymentCondition::getReason)
                  .contains("ProgressDeadlineExceeded");
            });

    cluster.kubectl("rollout", "undo", "deployment/api").assertSuccess();

    eventually()
        .untilAsserted(
            () -> {
              Deployment d = deployment(cluster, "api");
              assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("nginx:1.27");
              assertThat(isAvailable(d)).isTrue();
              assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);
              assertThat(pods(cluster, "api"))
                  .singleElement()
                  .satisfies(
                      p ->
                          assertThat(p.getSpec().getContainers().get(0).getImage())
                              .isEqualTo("nginx:1.27"));
            });
  }

  @Test
  void unpullableImageShowsImagePullErrors(TestCluster cluster) {
    cluster
        .kubectlWithInput(
            deployment("media", "jellyfin/jellyfin:10.10.0-badpull", 1, 600), "apply", "-f", "-")
        .assertSuccess();

    eventually()
        .untilAsserted(() -> assertThat(waitingReasons(cluster, "media")).contains("ErrImagePull"));
    eventually()
        .untilAsserted(
            () -> assertThat(waitingReasons(cluster, "media")).contains("ImagePullBackOff"));
    assertThat(pods(cluster, "media"))
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Pending"));
  }

  @Test
  void faultAnnotationMakesAHealthyPodCrash(TestCluster cluster) {
    cluster
        .kubectlWithInput(
            deployment("grafana", "grafana/grafana:11.2.0", 1, 600), "apply", "-f", "-")
        .assertSuccess();
    eventually().until(() -> isAvailable(deployment(cluster, "grafana")));
    String pod = pods(cluster, "grafana").get(0).getMetadata().getName();

    cluster.kubectl("annotate", "pod", pod, "kwok.stackpilot.io/fault=oomkilled").assertSuccess();

    eventually()
        .untilAsserted(
            () -> {
              var status =
                  cluster
                      .client()
                      .pods()
                      .inNamespace(cluster.namespace())
                      .withName(pod)
                      .get()
                      .getStatus()
                      .getContainerStatuses()
                      .get(0);
              assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
              assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("OOMKilled");
              assertThat(status.getRestartCount()).isPositive();
            });
    eventually().until(() -> !isAvailable(deployment(cluster, "grafana")));
  }

  @Test
  void apiServerEnforcesCrdSchemaAndCelRules(TestCluster cluster) throws IOException {
    cluster
        .kubectl("apply", "-f", resource("devcluster/widgets-crd.yaml").toString())
        .assertSuccess();
    cluster
        .kubectl(
            "wait",
            "--for=condition=Established",
            "crd/widgets.smoke.stackpilot.io",
            "--timeout=30s")
        .assertSuccess();

    var tooBig = cluster.kubectlWithInput(widget("too-big", "size: 11"), "apply", "-f", "-");
    assertThat(tooBig.succeeded()).isFalse();
    assertThat(tooBig.stderr())
        .contains("spec.size")
        .contains("should be less than or equal to 10");

    var inverted =
        cluster.kubectlWithInput(
            widget("inverted", "size: 1\n  min: 5\n  max: 2"), "apply", "-f", "-");
    assertThat(inverted.succeeded()).isFalse();
    assertThat(inverted.stderr()).contains("spec.min must not exceed spec.max");

    cluster
        .kubectlWithInput(widget("fine", "size: 3\n  min: 1\n  max: 2"), "apply", "-f", "-")
        .assertSuccess();
  }

  @Test
  void podSecurityAdmissionRejectsPrivilegedPodsInRestrictedNamespaces(TestCluster cluster) {
    cluster
        .kubectl(
            "label",
            "--overwrite",
            "namespace",
            cluster.namespace(),
            "pod-security.kubernetes.io/enforce=restricted")
        .assertSuccess();

    var privileged =
        cluster.kubectlWithInput(
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: root}
        spec:
          containers:
          - name: app
            image: busybox:1.36
            securityContext: {privileged: true}
        """,
            "apply",
            "-f",
            "-");

    assertThat(privileged.succeeded()).isFalse();
    assertThat(privileged.stderr()).contains("violates PodSecurity \"restricted");
  }

  @Test
  void helmInstallsAChart(TestCluster cluster) throws IOException {
    cluster
        .helm(
            "install",
            "smoke",
            resource("devcluster/charts/tiny").toString(),
            "--set",
            "greeting=hi",
            "--wait",
            "--timeout",
            "60s")
        .assertSuccess();

    ConfigMap greeting =
        cluster
            .client()
            .configMaps()
            .inNamespace(cluster.namespace())
            .withName("smoke-greeting")
            .get();
    assertThat(greeting.getData()).containsEntry("greeting", "hi");
    assertThat(cluster.helm("list", "-q").assertSuccess().stdout()).contains("smoke");
  }

  @Test
  void garbageCollectorDeletesOwnedObjects(TestCluster cluster) {
    var configMaps = cluster.client().configMaps().inNamespace(cluster.namespace());
    ConfigMap owner =
        configMaps
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build())
            .create();
    configMaps
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("owned")
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("owner")
                .withUid(owner.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();

    cluster.kubectl("delete", "configmap", "owner").assertSuccess();

    eventually().until(() -> configMaps.withName("owned").get() == null);
  }

  private static String deployment(
      String name, String image, int replicas, int progressDeadlineSeconds) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %1$s
        spec:
          replicas: %3$d
          progressDeadlineSeconds: %4$d
          selector:
            matchLabels: {app: %1$s}
          template:
            metadata:
              labels: {app: %1$s}
            spec:
              containers:
              - name: app
                image: %2$s
        """
        .formatted(name, image, replicas, progressDeadlineSeconds);
  }

  private static String widget(String name, String spec) {
    return """
        apiVersion: smoke.stackpilot.io/v1
        kind: Widget
        metadata:
          name: %s
        spec:
          %s
        """
        .formatted(name, spec);
  }

  private static Deployment deployment(TestCluster cluster, String name) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  private static List<Pod> pods(TestCluster cluster, String app) {
    return cluster
        .client()
        .pods()
        .inNamespace(cluster.namespace())
        .withLabel("app", app)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static List<String> waitingReasons(TestCluster cluster, String app) {
    return pods(cluster, app).stream()
        .flatMap(
            p ->
                Optional.ofNullable(p.getStatus().getContainerStatuses())
                    .orElse(List.of())
                    .stream())
        .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
        .map(s -> s.getState().getWaiting().getReason())
        .toList();
  }

  private static Optional<DeploymentCondition> condition(Deployment d, String type) {
    if (d == null || d.getStatus() == null || d.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static boolean isAvailable(Deployment d) {
    return condition(d, "Available").map(c -> "True".equals(c.getStatus())).orElse(false)
        && d.getStatus().getReadyReplicas() != null
        && d.getStatus().getReadyReplicas().equals(d.getSpec().getReplicas());
  }

  private static Path resource(String name) throws IOException {
    Path path = Path.of("src/test/resources").resolve(name);
    if (!Files.exists(path)) {
      throw new IOException("missing test resource " + path.toAbsolutePath());
    }
    return path;
  }
}
