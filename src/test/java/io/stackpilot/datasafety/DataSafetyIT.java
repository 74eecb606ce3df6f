package io.stackpilot.datasafety;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.deployment;
import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.image;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.SnapshotterStandIn;
import io.stackpilot.testing.SnapshotterStandIn.Mode;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.Timeline;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Upgrades that cannot lose data, on a real control plane with the real snapshot CRDs and a
 * stand-in for the CSI snapshotter: the upgrade waits for its snapshot, a failed upgrade rolls the
 * data back onto a restored claim and keeps the migrated one, retention keeps exactly N, and
 * without the snapshot API the spec is refused and nothing running is touched.
 */
@WithLocalCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataSafetyIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String GOOD = "lscr.io/linuxserver/sonarr:4.0.14";
  private static final String CRASHING = "lscr.io/linuxserver/sonarr:4.0.15-crashloop";

  @Test
  @Order(1)
  void withoutTheSnapshotApiTheSpecIsRefusedAndNothingRunningChanges(TestCluster cluster) {
    SnapshotterStandIn.removeApi(cluster);
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, false, false, null);
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      List<String> podsBefore =
          pods(cluster, "sonarr").stream().map(p -> p.getMetadata().getUid()).toList();
      long deploymentGeneration = deployment(cluster, "sonarr").getMetadata().getGeneration();

      apply(
          cluster,
          "lscr.io/linuxserver/sonarr:4.0.16",
          true,
          true,
          SnapshotterStandIn.SNAPSHOT_CLASS);
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(condition(sonarr, "ConfigValid").getStatus()).isEqualTo("False");
                assertThat(sonarr.getStatus().getValidation().getErrors())
                    .anySatisfy(
                        error -> {
                          assertThat(error.getField())
                              .isEqualTo("spec.storage[0].snapshotBeforeUpgrade");
                          assertThat(error.getMessage())
                              .contains(
                                  "no snapshot.storage.k8s.io/v1 API",
                                  "snapshotBeforeUpgrade: false");
                        });
              });
      Deployment running = deployment(cluster, "sonarr");
      assertThat(image(running)).isEqualTo(GOOD);
      assertThat(running.getMetadata().getGeneration()).isEqualTo(deploymentGeneration);
      assertThat(pods(cluster, "sonarr"))
          .extracting(p -> p.getMetadata().getUid())
          .containsExactlyElementsOf(podsBefore);
    }
  }

  @Test
  @Order(2)
  void aSnapshotClassThatDoesNotExistIsRefusedByName(TestCluster cluster) {
    SnapshotterStandIn.installApi(cluster);
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, GOOD, true, true, "no-such-class");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(condition(sonarr, "ConfigValid").getStatus()).isEqualTo("False");
                assertThat(sonarr.getStatus().getValidation().getErrors())
                    .anySatisfy(
                        error -> {
                          assertThat(error.getField())
                              .isEqualTo("spec.storage[0].volumeSnapshotClassName");
                          assertThat(error.getMessage())
                              .contains(
                                  "VolumeSnapshotClass no-such-class",
                                  SnapshotterStandIn.SNAPSHOT_CLASS);
                        });
              });
      assertThat(
              cluster
                  .client()
                  .apps()
                  .deployments()
                  .inNamespace(cluster.namespace())
                  .withName("sonarr")
                  .get())
          .as("an invalid spec renders nothing")
          .isNull();
    }
  }

  @Test
  @Order(3)
  void aFailedUpgradeRollsTheDataBackOntoAClaimRestoredFromThePreUpgradeSnapshot(
      TestCluster cluster) {
    SnapshotterStandIn.installApi(cluster);
    String ns = cluster.namespace();
    var client = cluster.client();
    try (RunningOperator operator = cluster.startOperator();
        SnapshotterStandIn snapshotter = new SnapshotterStandIn(cluster, Mode.HOLD);
        Timeline timeline =
            new Timeline()
                .follow(
                    "Deployment",
                    client.apps().deployments().inNamespace(ns),
                    DataSafetyIT::describe)
                .follow("Pod", client.pods().inNamespace(ns), DataSafetyIT::describe)
                .follow(
                    "PersistentVolumeClaim",
                    client.persistentVolumeClaims().inNamespace(ns),
                    DataSafetyIT::describe)
                .follow(
                    "VolumeSnapshot",
                    client.genericKubernetesResources(SnapshotterStandIn.SNAPSHOTS).inNamespace(ns),
                    DataSafetyIT::describe)) {
      apply(cluster, GOOD, true, true, SnapshotterStandIn.SNAPSHOT_CLASS);
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      String healthy = media(cluster, "sonarr").getStatus().getRevision();
      assertThat(
              client
                  .genericKubernetesResources(SnapshotterStandIn.SNAPSHOTS)
                  .inNamespace(ns)
                  .list()
                  .getItems())
          .as("the first install is no upgrade: nothing to protect yet")
          .isEmpty();

      apply(cluster, CRASHING, true, true, SnapshotterStandIn.SNAPSHOT_CLASS);
      String upgrade =
          eventually(WAIT)
              .until(
                  () -> media(cluster, "sonarr").getStatus().getDesiredRevision(),
                  revision -> revision != null && !revision.equals(healthy));
      String snapshotName = "sonarr-config-pre-" + upgrade;

      // Held: the old pod is stopped, the snapshot is asked for, and the new image does not start.
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(snapshotter.snapshots())
                    .extracting(s -> s.getMetadata().getName())
                    .containsExactly(snapshotName);
                Deployment held = deployment(cluster, "sonarr");
                assertThat(held.getSpec().getReplicas()).isZero();
                assertThat(image(held)).isEqualTo(GOOD);
                assertThat(pods(cluster, "sonarr")).isEmpty();
                assertThat(condition(media(cluster, "sonarr"), "Reconciling").getReason())
                    .isEqualTo("SnapshotInProgress");
              });
      GenericKubernetesResource snapshot = snapshotter.snapshots().get(0);
      assertThat(snapshot.<String>get("spec", "source", "persistentVolumeClaimName"))
          .isEqualTo("sonarr-config");
      assertThat(snapshot.<String>get("spec", "volumeSnapshotClassName"))
          .isEqualTo(SnapshotterStandIn.SNAPSHOT_CLASS);

      snapshotter.release();
      Instant released = snapshotter.markedReady().get(snapshotName);
      assertThat(released).isNotNull();

      // The crashing revision runs, fails, and is rolled back together with its data.
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("RolledBack");
                assertThat(sonarr.getStatus().getRevision()).isEqualTo(healthy);
                assertThat(sonarr.getStatus().getVolumes())
                    .singleElement()
                    .satisfies(
                        volume -> {
                          assertThat(volume.getName()).isEqualTo("config");
                          assertThat(volume.getClaim())
                              .startsWith("sonarr-config-r")
                              .isNotEqualTo("sonarr-config");
                          assertThat(volume.getRestoredFrom()).isEqualTo(snapshotName);
                          assertThat(volume.getMigratedClaim()).isEqualTo("sonarr-config");
                          assertThat(volume.getFailedRevision()).isEqualTo(upgrade);
                        });
              });
      String restored = media(cluster, "sonarr").getStatus().getVolumes().get(0).getClaim();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                Deployment back = deployment(cluster, "sonarr");
                assertThat(image(back)).isEqualTo(GOOD);
                assertThat(back.getSpec().getReplicas()).isEqualTo(1);
                assertThat(back.getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(
                        v ->
                            assertThat(v.getPersistentVolumeClaim().getClaimName())
                                .isEqualTo(restored));
                assertThat(pods(cluster, "sonarr"))
                    .singleElement()
                    .satisfies(p -> assertThat(podImage(p)).isEqualTo(GOOD));
              });
      PersistentVolumeClaim restoredClaim =
          client.persistentVolumeClaims().inNamespace(ns).withName(restored).get();
      assertThat(restoredClaim.getSpec().getDataSource().getKind()).isEqualTo("VolumeSnapshot");
      assertThat(restoredClaim.getSpec().getDataSource().getName()).isEqualTo(snapshotName);
      PersistentVolumeClaim migrated =
          client.persistentVolumeClaims().inNamespace(ns).withName("sonarr-config").get();
      assertThat(migrated).as("the migrated claim is kept").isNotNull();
      assertThat(migrated.getMetadata().getDeletionTimestamp()).isNull();
      assertThat(migrated.getMetadata().getLabels())
          .containsEntry("stackpilot.io/data", "migrated");
      assertThat(migrated.getMetadata().getAnnotations())
          .containsEntry("stackpilot.io/replaced-by", restored)
          .containsEntry("stackpilot.io/failed-revision", upgrade);
      assertThat(events(cluster, "sonarr", "DataRestored"))
          .singleElement()
          .satisfies(
              e -> assertThat(e.getMessage()).contains(restored, snapshotName, "sonarr-config"));

      // The order that matters: no pod of the new image before its snapshot was ready.
      Instant firstCrashingPod =
          timeline.entries().stream()
              .filter(e -> e.object().startsWith("Pod/") && e.detail().contains(CRASHING))
              .map(Timeline.Entry::at)
              .findFirst()
              .orElseThrow();
      assertThat(firstCrashingPod).isAfter(released);
      Instant oldPodGone =
          timeline.entries().stream()
              .filter(e -> e.object().startsWith("Pod/") && e.what().equals("deleted"))
              .map(Timeline.Entry::at)
              .findFirst()
              .orElseThrow();
      Instant snapshotCreated =
          timeline.first("VolumeSnapshot/" + snapshotName, "created", "").orElseThrow().at();
      assertThat(snapshotCreated)
          .as("the old pod stops before the snapshot is taken")
          .isAfterOrEqualTo(oldPodGone);

      System.out.println("[sequence] objects created and changed in one data-restoring rollback:");
      timeline.lines().forEach(line -> System.out.println("[sequence] " + line));
    }
  }

  @Test
  @Order(4)
  void aSnapshotThatFailsBlocksTheUpgradeAndTheOldRevisionRunsOn(TestCluster cluster) {
    SnapshotterStandIn.installApi(cluster);
    try (RunningOperator operator = cluster.startOperator();
        SnapshotterStandIn snapshotter = new SnapshotterStandIn(cluster, Mode.FAIL)) {
      apply(cluster, GOOD, true, false, SnapshotterStandIn.SNAPSHOT_CLASS);
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));

      apply(
          cluster,
          "lscr.io/linuxserver/sonarr:4.0.16",
          true,
          false,
          SnapshotterStandIn.SNAPSHOT_CLASS);
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(condition(sonarr, "Stalled").getStatus()).isEqualTo("True");
                assertThat(condition(sonarr, "Stalled").getReason()).isEqualTo("SnapshotFailed");
                assertThat(condition(sonarr, "Stalled").getMessage())
                    .contains("refused to snapshot", "delete VolumeSnapshot");
                Deployment running = deployment(cluster, "sonarr");
                assertThat(image(running)).isEqualTo(GOOD);
                assertThat(running.getSpec().getReplicas()).isEqualTo(1);
                assertThat(pods(cluster, "sonarr"))
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(podImage(p)).isEqualTo(GOOD);
                          assertThat(p.getStatus().getContainerStatuses())
                              .allSatisfy(c -> assertThat(c.getReady()).isTrue());
                        });
              });
      assertThat(events(cluster, "sonarr", "SnapshotFailed")).hasSize(1);

      // Retried the documented way: fix the driver, delete the failed snapshot.
      snapshotter.setMode(Mode.READY);
      snapshotter.snapshots().forEach(s -> cluster.client().resource(s).delete());
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(image(deployment(cluster, "sonarr")))
                    .isEqualTo("lscr.io/linuxserver/sonarr:4.0.16");
                assertThat(ready(media(cluster, "sonarr"))).isTrue();
              });
    }
  }

  @Test
  @Order(5)
  void retentionKeepsExactlyTheNewestNAndNeverOneItDidNotMake(TestCluster cluster) {
    SnapshotterStandIn.installApi(cluster);
    var snapshots =
        cluster
            .client()
            .genericKubernetesResources(SnapshotterStandIn.SNAPSHOTS)
            .inNamespace(cluster.namespace());
    try (RunningOperator operator = cluster.startOperator();
        SnapshotterStandIn snapshotter = new SnapshotterStandIn(cluster, Mode.READY)) {
      applyKeeping(cluster, "lscr.io/linuxserver/sonarr:4.0.1", 2);
      eventually(WAIT).until(() -> ready(media(cluster, "sonarr")));
      // A snapshot the user took by hand, of the same claim: not Stackpilot's to delete.
      cluster
          .kubectlWithInput(
              """
          apiVersion: snapshot.storage.k8s.io/v1
          kind: VolumeSnapshot
          metadata:
            name: my-own-backup
          spec:
            volumeSnapshotClassName: %s
            source: {persistentVolumeClaimName: sonarr-config}
          """
                  .formatted(SnapshotterStandIn.SNAPSHOT_CLASS),
              "apply",
              "-f",
              "-")
          .assertSuccess();

      List<String> revisions = new ArrayList<>();
      for (String version : List.of("4.0.2", "4.0.3", "4.0.4", "4.0.5")) {
        String previous = media(cluster, "sonarr").getStatus().getRevision();
        applyKeeping(cluster, "lscr.io/linuxserver/sonarr:" + version, 2);
        String next =
            eventually(WAIT)
                .until(
                    () -> media(cluster, "sonarr").getStatus().getDesiredRevision(),
                    r -> r != null && !r.equals(previous));
        revisions.add(next);
        eventually(WAIT)
            .until(
                () ->
                    ready(media(cluster, "sonarr"))
                        && next.equals(media(cluster, "sonarr").getStatus().getRevision()));
      }
      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(snapshots.list().getItems())
                      .extracting(s -> s.getMetadata().getName())
                      .containsExactlyInAnyOrder(
                          "my-own-backup",
                          "sonarr-config-pre-" + revisions.get(2),
                          "sonarr-config-pre-" + revisions.get(3)));
      System.out.println(
          "[figure] retention: 4 upgrades with snapshotsToKeep 2 left "
              + snapshots.list().getItems().size()
              + " snapshots (2 of Stackpilot's, 1 of the user's); "
              + events(cluster, "sonarr", "SnapshotsPruned").size()
              + " SnapshotsPruned event(s)");
    }
  }

  private static void apply(
      TestCluster cluster, String image, boolean snapshot, boolean restore, String snapshotClass) {
    applyWith(cluster, image, snapshot, restore, snapshotClass, null);
  }

  private static void applyKeeping(TestCluster cluster, String image, int keep) {
    applyWith(cluster, image, true, false, SnapshotterStandIn.SNAPSHOT_CLASS, keep);
  }

  private static void applyWith(
      TestCluster cluster,
      String image,
      boolean snapshot,
      boolean restore,
      String snapshotClass,
      Integer keep) {
    StringBuilder storage = new StringBuilder("{name: config, mountPath: /config, size: 1Gi");
    if (snapshot) {
      storage
          .append(", snapshotBeforeUpgrade: true, volumeSnapshotClassName: ")
          .append(snapshotClass);
    }
    if (restore) {
      storage.append(", restoreOnRollback: true");
    }
    if (keep != null) {
      storage.append(", snapshotsToKeep: ").append(keep);
    }
    storage.append("}");
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: sonarr
        spec:
          channels:
            stable:
              image: %s
          ports:
            - {name: http, port: 8989}
          storage:
            - %s
          recovery:
            failureWindow: 3s
            progressDeadline: 60s
        """
                .formatted(image, storage),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  private static String podImage(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  private static String describe(Deployment d) {
    String claims =
        Optional.ofNullable(d.getSpec().getTemplate().getSpec().getVolumes())
            .orElse(List.of())
            .stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .map(v -> v.getPersistentVolumeClaim().getClaimName())
            .reduce((a, b) -> a + "," + b)
            .orElse("-");
    return "replicas=" + d.getSpec().getReplicas() + " image=" + image(d) + " claim=" + claims;
  }

  private static String describe(Pod p) {
    String waiting =
        Optional.ofNullable(p.getStatus().getContainerStatuses()).orElse(List.of()).stream()
            .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
            .map(c -> " " + c.getState().getWaiting().getReason())
            .findFirst()
            .orElse("");
    return "image=" + podImage(p) + " phase=" + p.getStatus().getPhase() + waiting;
  }

  private static String describe(PersistentVolumeClaim c) {
    Map<String, String> labels = Optional.ofNullable(c.getMetadata().getLabels()).orElse(Map.of());
    String source =
        c.getSpec().getDataSource() == null
            ? ""
            : " from "
                + c.getSpec().getDataSource().getKind()
                + "/"
                + c.getSpec().getDataSource().getName();
    return "phase="
        + Optional.ofNullable(c.getStatus()).map(s -> s.getPhase()).orElse("-")
        + source
        + (labels.containsKey("stackpilot.io/data")
            ? " data=" + labels.get("stackpilot.io/data")
            : "");
  }

  private static String describe(GenericKubernetesResource s) {
    return "of "
        + s.<String>get("spec", "source", "persistentVolumeClaimName")
        + " readyToUse="
        + s.<Object>get("status", "readyToUse");
  }
}
