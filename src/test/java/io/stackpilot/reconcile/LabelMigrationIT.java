package io.stackpilot.reconcile;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.stackpilot.api.MediaService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.render.Labels;
import io.stackpilot.render.ServiceRenderer;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An install whose objects carry the instance label, as every version did before the service label
 * came, upgraded to this operator: the objects are relabelled in place, and nothing is recreated or
 * restarted (a Deployment's selector is immutable, and a changed pod template would roll every
 * pod).
 */
@WithLocalCluster
class LabelMigrationIT {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  private static final String SONARR =
      """
      apiVersion: stackpilot.io/v1alpha1
      kind: MediaService
      metadata:
        name: sonarr
      spec:
        channels:
          stable:
            image: lscr.io/linuxserver/sonarr:4.0.15
        ports:
          - {name: http, port: 8989}
        config:
          TZ: Europe/Berlin
        storage:
          - {name: config, mountPath: /config, size: 1Gi}
      """;

  @Test
  void anUpgradeRelabelsTheObjectsWithoutRecreatingOrRestartingAnything(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster.kubectlWithInput(SONARR, "apply", "-f", "-").assertSuccess();
      eventually(SETTLE).until(() -> ready(media(cluster, "sonarr")));
    }

    List<HasMetadata> earlier = applyAsAnEarlierVersionDid(cluster);
    Deployment before = deployment(cluster);
    assertThat(before.getMetadata().getLabels())
        .containsEntry(Labels.INSTANCE, "sonarr")
        .doesNotContainKey(Labels.SERVICE);
    List<String> podsBefore = podNames(cluster);
    List<String> replicaSetsBefore = replicaSetNames(cluster);
    System.out.printf(
        "[sequence] labelled as an earlier version did: %s; pods %s%n",
        earlier.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList(),
        podsBefore);

    try (RunningOperator operator = cluster.startOperator()) {
      eventually(SETTLE)
          .untilAsserted(
              () -> {
                for (HasMetadata object : earlier) {
                  HasMetadata now = cluster.client().resource(object).get();
                  assertThat(now.getMetadata().getLabels())
                      .as("labels of %s %s", now.getKind(), now.getMetadata().getName())
                      .containsEntry(Labels.SERVICE, "sonarr")
                      .doesNotContainKey(Labels.INSTANCE);
                  assertThat(now.getMetadata().getUid())
                      .as("%s %s is the same object", now.getKind(), now.getMetadata().getName())
                      .isEqualTo(object.getMetadata().getUid());
                }
              });
      MediaService sonarr = media(cluster, "sonarr");
      assertThat(ready(sonarr)).as("status %s", sonarr.getStatus()).isTrue();

      Deployment after = deployment(cluster);
      assertThat(after.getMetadata().getGeneration())
          .as("the Deployment's spec never changed")
          .isEqualTo(before.getMetadata().getGeneration());
      assertThat(after.getSpec().getSelector()).isEqualTo(before.getSpec().getSelector());
      assertThat(podNames(cluster)).as("no pod was replaced").isEqualTo(podsBefore);
      assertThat(replicaSetNames(cluster)).as("no new ReplicaSet").isEqualTo(replicaSetsBefore);
      System.out.printf(
          "[figure] label migration: %d objects relabelled, Deployment generation %d -> %d, pods"
              + " %s -> %s, writes by the operator %d%n",
          earlier.size(),
          before.getMetadata().getGeneration(),
          after.getMetadata().getGeneration(),
          podsBefore,
          podNames(cluster),
          operator.requests().writes());
    }
  }

  /**
   * Applies, as the operator's field manager, what the operator renders for the service with the
   * labels an earlier version put on it: the instance label where the service label is now. The
   * Deployment's spec is the same, so its generation must not move; that is checked, or the
   * starting point would not be what an earlier version left.
   */
  private static List<HasMetadata> applyAsAnEarlierVersionDid(TestCluster cluster) {
    MediaService service = media(cluster, "sonarr");
    long generation = deployment(cluster).getMetadata().getGeneration();
    EffectiveService effective =
        Layering.layer(
            service,
            Optional.empty(),
            Layering.selectedChannel(service.getSpec(), Optional.empty()),
            Overlays.none());
    List<HasMetadata> objects =
        ServiceRenderer.render(effective, OwnerReferences.controllerOf(service)).objects();
    for (HasMetadata object : objects) {
      Map<String, String> labels = new TreeMap<>(object.getMetadata().getLabels());
      labels.put(Labels.INSTANCE, labels.remove(Labels.SERVICE));
      object.getMetadata().setLabels(labels);
      cluster
          .client()
          .resource(object)
          .fieldManager(FieldManager.NAME)
          .forceConflicts()
          .serverSideApply();
    }
    assertThat(deployment(cluster).getMetadata().getGeneration())
        .as("relabelling as an earlier version changed only labels")
        .isEqualTo(generation);
    return objects.stream().map(o -> (HasMetadata) cluster.client().resource(o).get()).toList();
  }

  private static Deployment deployment(TestCluster cluster) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withName("sonarr")
        .get();
  }

  private static List<String> podNames(TestCluster cluster) {
    return pods(cluster, "sonarr").stream().map(Pod::getMetadata).map(m -> m.getName()).toList();
  }

  private static List<String> replicaSetNames(TestCluster cluster) {
    return cluster
        .client()
        .apps()
        .replicaSets()
        .inNamespace(cluster.namespace())
        .withLabel(Labels.INSTANCE, "sonarr")
        .list()
        .getItems()
        .stream()
        .map(ReplicaSet::getMetadata)
        .map(m -> m.getName())
        .sorted()
        .toList();
  }
}
