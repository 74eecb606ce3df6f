package io.stackpilot.faults;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.testing.FirstSeen;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Other writers edit what Stackpilot owns, as people and tools do: kubectl scale, kubectl annotate
 * and label, and another controller's server-side apply that forces its way onto Stackpilot's
 * fields. Stackpilot takes back the fields it manages (replicas, image) with one write each, leaves
 * the fields it does not manage (their annotations and labels) alone, and then stays quiet: no
 * write loop.
 */
@WithLocalCluster
class CompetingWritersIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String IMAGE = "lscr.io/linuxserver/radarr:5.14.0";
  private static final String DEPLOYMENT_WRITES = "/deployments/radarr";
  private static final int REPLICAS = 2;

  @Test
  void stackpilotTakesBackWhatItOwnsLeavesTheRestAndDoesNotFight(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyService(cluster);
      eventually(WAIT).until(() -> ready(media(cluster, "radarr")));
      quietWindow(cluster, operator, "after the first rollout");

      // kubectl scale: an Update by another manager of a field Stackpilot applies.
      long scaleWrites =
          takenBack(
              cluster,
              operator,
              "kubectl scale --replicas=5",
              () -> cluster.kubectl("scale", "deployment/radarr", "--replicas=5").assertSuccess(),
              d -> d.getSpec().getReplicas() == 5);

      // Annotations and labels Stackpilot never set: they must stay, and cost no write.
      long metadataWrites =
          takenBack(
              cluster,
              operator,
              "kubectl annotate and label",
              () -> {
                cluster
                    .kubectl("annotate", "deployment/radarr", "team.example/owner=media")
                    .assertSuccess();
                cluster
                    .kubectl("label", "deployment/radarr", "team.example/tier=gold")
                    .assertSuccess();
                cluster
                    .kubectl("annotate", "service/radarr", "metallb.universe.tf/address-pool=home")
                    .assertSuccess();
              },
              d -> "gold".equals(d.getMetadata().getLabels().get("team.example/tier")));

      // Another controller forces its own replicas and image onto the Deployment with server-side
      // apply, with an annotation of its own beside them.
      long forcedWrites =
          takenBack(
              cluster,
              operator,
              "a forced server-side apply of replicas and image",
              () ->
                  cluster
                      .kubectlWithInput(
                          """
              apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: radarr
                annotations: {capacity.example/reason: nightly-batch}
              spec:
                replicas: 4
                template:
                  spec:
                    containers:
                      - name: radarr
                        image: lscr.io/linuxserver/radarr:nightly
              """,
                          "apply",
                          "--server-side",
                          "--field-manager=capacity-planner",
                          "--force-conflicts",
                          "-f",
                          "-")
                      .assertSuccess(),
              d -> d.getSpec().getReplicas() == 4);

      Deployment settled = Owned.deployment(cluster, "radarr").orElseThrow();
      assertThat(settled.getMetadata().getAnnotations())
          .containsEntry("team.example/owner", "media")
          .containsEntry("capacity.example/reason", "nightly-batch");
      assertThat(settled.getMetadata().getLabels()).containsEntry("team.example/tier", "gold");
      assertThat(
              cluster
                  .client()
                  .services()
                  .inNamespace(cluster.namespace())
                  .withName("radarr")
                  .get()
                  .getMetadata()
                  .getAnnotations())
          .containsEntry("metallb.universe.tf/address-pool", "home");
      assertThat(managersOf(settled))
          .as("field managers of the Deployment")
          .contains("stackpilot", "kubectl-annotate", "kubectl-label", "capacity-planner");

      assertThat(scaleWrites).as("Deployment writes to undo kubectl scale").isEqualTo(1);
      assertThat(metadataWrites)
          .as("Deployment writes after foreign annotations and labels")
          .isZero();
      assertThat(forcedWrites)
          .as("Deployment writes to undo a forced apply of replicas and image")
          .isEqualTo(1);
      eventually(WAIT).until(() -> ready(media(cluster, "radarr")));
      System.out.printf(
          "[figure] competing writers: Deployment writes to take back kubectl scale %d, after foreign"
              + " annotations/labels %d, after a forced server-side apply %d; 0 in each quiet window%n",
          scaleWrites, metadataWrites, forcedWrites);
    }
  }

  /**
   * Makes the foreign edit, waits until Stackpilot has restored its replicas and image (after the
   * edit was seen), then holds a quiet window; returns the Deployment writes Stackpilot needed.
   */
  private long takenBack(
      TestCluster cluster,
      RunningOperator operator,
      String edit,
      Runnable change,
      Predicate<Deployment> editVisible) {
    long before = operator.requests().writesTo(DEPLOYMENT_WRITES);
    // A restore can be quicker than a poll: remember the edit from a watch, not from a read.
    try (var seen =
        new FirstSeen<>(
            cluster
                .client()
                .apps()
                .deployments()
                .inNamespace(cluster.namespace())
                .withName("radarr"),
            editVisible)) {
      change.run();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(seen.at()).as("the edit (%s) reached the cluster", edit).isPresent();
                Deployment now = Owned.deployment(cluster, "radarr").orElseThrow();
                assertThat(now.getSpec().getReplicas())
                    .as("replicas after %s", edit)
                    .isEqualTo(REPLICAS);
                assertThat(Owned.image(now)).as("image after %s", edit).isEqualTo(IMAGE);
                assertThat(Owned.pods(cluster, "radarr"))
                    .as("pods after %s", edit)
                    .hasSize(REPLICAS)
                    .allSatisfy(p -> assertThat(Owned.readyOn(p, IMAGE)).isTrue());
              });
    }
    long writes = operator.requests().writesTo(DEPLOYMENT_WRITES) - before;
    quietWindow(cluster, operator, "after " + edit);
    return writes;
  }

  /**
   * Pokes the service so Stackpilot reconciles it again and again, and checks it writes nothing to
   * the Deployment meanwhile: a fight with another writer would show up as a write per reconcile.
   */
  private void quietWindow(TestCluster cluster, RunningOperator operator, String when) {
    long writes = operator.requests().writesTo(DEPLOYMENT_WRITES);
    for (int poke = 1; poke <= 3; poke++) {
      double reconciles = operator.reconciles();
      cluster
          .kubectl("annotate", "--overwrite", "mediaservice/radarr", "test.example/poke=" + poke)
          .assertSuccess();
      eventually(WAIT).until(() -> operator.reconciles() > reconciles);
    }
    await("no Deployment write " + when)
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> operator.requests().writesTo(DEPLOYMENT_WRITES) == writes);
    assertThat(operator.requests().writesTo(DEPLOYMENT_WRITES) - writes)
        .as("Deployment writes in the quiet window %s:%n%s", when, operator.requests().writesSeen())
        .isZero();
  }

  private static Set<String> managersOf(Deployment deployment) {
    return deployment.getMetadata().getManagedFields().stream()
        .map(f -> f.getManager())
        .collect(Collectors.toSet());
  }

  private static void applyService(TestCluster cluster) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: radarr}
        spec:
          replicas: %d
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 7878}]
        """
                .formatted(REPLICAS, IMAGE),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
