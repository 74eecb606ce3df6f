package io.stackpilot.wiring;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.Stacks;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ServiceMonitors against the Prometheus Operator's real CRD. A stack's: created when the API
 * appears, selecting the members whose Service has a metrics port, following the stack's spec, and
 * deleted when the stack turns it off. A service's own, when it is in no stack: created when the
 * API appears, selecting its Service alone, following its spec, restored when deleted by hand, and
 * pruned once it joins a stack. The CRD is removed afterwards, so the shared control plane's other
 * tests see no such API.
 */
@WithLocalCluster
class StackServiceMonitorIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CRD = "servicemonitors.monitoring.coreos.com";

  @Test
  void theStacksServiceMonitorAppearsWithTheApiFollowsTheStackAndGoesWhenTurnedOff(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {}\n");
      apply(cluster, media("podinfo", "[{name: http, port: 9898}, {name: metrics, port: 9797}]"));
      apply(cluster, media("jellyfin", "[{name: http, port: 8096}]"));
      eventually(WAIT).until(() -> "2/2".equals(Stacks.home(cluster).getStatus().getReady()));
      assertThat(service(cluster, "podinfo").getMetadata().getLabels())
          .containsEntry("stackpilot.io/metrics", "true");
      assertThat(service(cluster, "jellyfin").getMetadata().getLabels())
          .doesNotContainKey("stackpilot.io/metrics");

      try {
        installTheCrd(cluster);
        Instant installed = Instant.now();
        eventually(WAIT).until(() -> monitor(cluster) != null);
        System.out.printf(
            "[figure] stack ServiceMonitor: created %d ms after the Prometheus Operator's CRD%n",
            Duration.between(installed, Instant.now()).toMillis());

        Map<String, Object> spec = spec(monitor(cluster));
        assertThat(spec.get("selector"))
            .isEqualTo(
                Map.of(
                    "matchLabels",
                    Map.of(
                        "app.kubernetes.io/part-of", "home",
                        "app.kubernetes.io/managed-by", "stackpilot",
                        "stackpilot.io/metrics", "true")));
        assertThat(spec.get("endpoints")).isEqualTo(List.of(Map.of("port", "metrics")));
        assertThat(spec.get("targetLabels"))
            .isEqualTo(List.of("stackpilot.io/service", "stackpilot.io/kind"));
        assertThat(monitor(cluster).getMetadata().getOwnerReferences())
            .singleElement()
            .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ServiceStack"));

        apply(
            cluster,
            "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\n"
                + "spec: {serviceMonitor: {labels: {release: kube-prometheus-stack}, interval: 30s}}\n");
        eventually(WAIT)
            .untilAsserted(
                () -> {
                  GenericKubernetesResource monitor = monitor(cluster);
                  assertThat(monitor.getMetadata().getLabels())
                      .containsEntry("release", "kube-prometheus-stack");
                  assertThat(spec(monitor).get("endpoints"))
                      .isEqualTo(List.of(Map.of("port", "metrics", "interval", "30s")));
                });

        apply(
            cluster,
            "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\n"
                + "spec: {serviceMonitor: {mode: 'Off'}}\n");
        eventually(WAIT).until(() -> monitor(cluster) == null);
        assertThat(Stacks.home(cluster).getStatus().getReady()).isEqualTo("2/2");
      } finally {
        cluster.kubectl("delete", "crd", CRD, "--ignore-not-found", "--wait=true").assertSuccess();
      }
    }
  }

  @Test
  void aServiceInNoStackGetsItsOwnServiceMonitorWhichFollowsItsSpecAndGoesWhenItJoinsAStack(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster, lone("podinfo", "[{name: http, port: 9898}, {name: metrics, port: 9797}]", ""));
      apply(cluster, lone("jellyfin", "[{name: http, port: 8096}]", ""));
      try {
        installTheCrd(cluster);
        eventually(WAIT).until(() -> monitor(cluster, "podinfo.mediaservice") != null);
        GenericKubernetesResource own = monitor(cluster, "podinfo.mediaservice");
        assertThat(spec(own).get("selector"))
            .isEqualTo(
                Map.of(
                    "matchLabels",
                    Map.of(
                        "stackpilot.io/service", "podinfo",
                        "stackpilot.io/kind", "MediaService",
                        "app.kubernetes.io/part-of", "stackpilot",
                        "app.kubernetes.io/managed-by", "stackpilot",
                        "stackpilot.io/metrics", "true")));
        assertThat(own.getMetadata().getOwnerReferences())
            .singleElement()
            .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("MediaService"));
        assertThat(
                cluster
                    .client()
                    .services()
                    .inNamespace(cluster.namespace())
                    .withLabels(selected(own))
                    .list()
                    .getItems())
            .extracting(s -> s.getMetadata().getName())
            .containsExactly("podinfo");
        assertThat(monitor(cluster, "jellyfin.mediaservice")).isNull();

        // Refused at kubectl apply: a stack's member is scraped through the stack's monitor.
        CommandResult both =
            cluster.kubectlWithInput(
                lone(
                    "podinfo",
                    "[{name: metrics, port: 9797}]",
                    "stack: home\n  serviceMonitor: {}"),
                "apply",
                "-f",
                "-");
        assertThat(both.exitCode()).as(both.toString()).isNotZero();
        assertThat(both.stderr()).contains("spec.serviceMonitor").contains("remove spec.stack");

        apply(
            cluster,
            lone(
                "podinfo",
                "[{name: http, port: 9898}, {name: metrics, port: 9797}]",
                "serviceMonitor: {labels: {release: kube-prometheus-stack}, interval: 15s}"));
        eventually(WAIT)
            .untilAsserted(
                () -> {
                  GenericKubernetesResource monitor = monitor(cluster, "podinfo.mediaservice");
                  assertThat(monitor.getMetadata().getLabels())
                      .containsEntry("release", "kube-prometheus-stack");
                  assertThat(spec(monitor).get("endpoints"))
                      .isEqualTo(List.of(Map.of("port", "metrics", "interval", "15s")));
                });

        // Deleted by hand, it comes back: its watch wakes the service.
        cluster.kubectl("delete", "servicemonitor", "podinfo.mediaservice").assertSuccess();
        eventually(WAIT).until(() -> monitor(cluster, "podinfo.mediaservice") != null);

        apply(
            cluster,
            "apiVersion: stackpilot.io/v1alpha1\nkind: ServiceStack\nmetadata: {name: home}\nspec: {}\n");
        apply(cluster, media("podinfo", "[{name: http, port: 9898}, {name: metrics, port: 9797}]"));
        eventually(WAIT).until(() -> monitor(cluster, "home") != null);
        eventually(WAIT).until(() -> monitor(cluster, "podinfo.mediaservice") == null);
      } finally {
        cluster.kubectl("delete", "crd", CRD, "--ignore-not-found", "--wait=true").assertSuccess();
      }
    }
  }

  private static void installTheCrd(TestCluster cluster) {
    Path crds = cluster.controlPlane().binaries().path("prometheus-operator-crds");
    cluster
        .kubectl(
            "apply",
            "--server-side",
            "-f",
            crds.resolve("monitoring.coreos.com_servicemonitors.yaml").toString())
        .assertSuccess();
  }

  private static String lone(String name, String ports, String more) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: %s}
        spec:
          channels: {stable: {image: "ghcr.io/example/%s:1.0"}}
          ports: %s
          %s
        """
        .formatted(name, name, ports, more);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> selected(GenericKubernetesResource monitor) {
    return (Map<String, String>)
        ((Map<String, Object>) spec(monitor).get("selector")).get("matchLabels");
  }

  private static String media(String name, String ports) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: %s}
        spec:
          stack: home
          channels: {stable: {image: "ghcr.io/example/%s:1.0"}}
          ports: %s
        """
        .formatted(name, name, ports);
  }

  private static void apply(TestCluster cluster, String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  private static Service service(TestCluster cluster, String name) {
    return cluster.client().services().inNamespace(cluster.namespace()).withName(name).get();
  }

  private static GenericKubernetesResource monitor(TestCluster cluster) {
    return monitor(cluster, "home");
  }

  private static GenericKubernetesResource monitor(TestCluster cluster, String name) {
    return cluster
        .client()
        .genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource monitor) {
    return (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
  }
}
