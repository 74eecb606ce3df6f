package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.VolumeStatus;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.devcluster.node.RealStorage;
import io.stackpilot.testing.FirstSeen;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.SnapshotterStandIn;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data safety with a real CSI driver, real snapshots and a real app that migrates its data: the
 * ledger on a claim of the hostpath driver, upgraded well and badly.
 */
@WithLocalCluster
class RealNodeDataSafetyIT {

  private static final Duration WAIT = Duration.ofSeconds(240);

  /** No snapshot settings: the cluster's default VolumeSnapshotClass for the driver decides. */
  private static final String LEFT_TO_DEFAULTS = "";

  /** A snapshot a user took by hand. */
  private static final String USERS_OWN = "taken-by-hand";

  @Test
  void aGoodUpgradeIsSnapshottedByDefaultAfterTheWriterStoppedAndKeepsSnapshotsToKeep(
      TestCluster cluster, RealNode node) {
    node.storage();
    try (RunningOperator operator = cluster.startOperator()) {
      applyWithSnapshots(cluster, "v1", LEFT_TO_DEFAULTS);
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      String claim = claimOf(cluster);
      LedgerApp.add(cluster, "written-by-v1");

      Instant upgraded = Instant.now();
      Instant writerStopped;
      Instant snapshotReady;
      Instant serving;
      try (var stop =
              new FirstSeen<>(
                  cluster.client().pods().inNamespace(cluster.namespace()),
                  p -> stopped(p, "stackpilot.test/ledger:v1"));
          var ready =
              new FirstSeen<>(
                  cluster
                      .client()
                      .genericKubernetesResources(SnapshotterStandIn.SNAPSHOTS)
                      .inNamespace(cluster.namespace()),
                  RealNodeDataSafetyIT::readyToUse);
          var healthy =
              new FirstSeen<>(
                  cluster.client().resources(MediaService.class).inNamespace(cluster.namespace()),
                  s -> healthyOn(s, "stackpilot.test/ledger:v2"))) {
        applyWithSnapshots(cluster, "v2", LEFT_TO_DEFAULTS);
        awaitHealthyOn(cluster, "stackpilot.test/ledger:v2");
        writerStopped = stop.at().orElseThrow();
        snapshotReady = ready.at().orElseThrow();
        serving = healthy.at().orElseThrow();
      }
      String info = LedgerApp.info(cluster);
      assertThat(info)
          .as("v2 serves the data v1 wrote, migrated")
          .contains("version=2", "dataSchema=2", "entry=written-by-v1");
      List<String> writers = LedgerApp.writers(info);
      assertThat(writers).hasSize(3);
      assertThat(writers.get(1)).contains(" stop ").contains(" v1 ");
      assertThat(writers.get(2)).contains(" start ").contains(" v2 ");
      Instant appStopped = Instant.parse(writers.get(1).substring(0, 19) + "Z");
      Instant appStarted = Instant.parse(writers.get(2).substring(0, 19) + "Z");

      // Nothing in the spec asked for snapshots: the driver's default class made them.
      VolumeStatus volume =
          cluster
              .client()
              .resources(MediaService.class)
              .inNamespace(cluster.namespace())
              .withName("ledger")
              .get()
              .getStatus()
              .getVolumes()
              .get(0);
      assertThat(volume.getVolumeSnapshotClass())
          .as("%s", volume.getSnapshotsBeforeUpgrade())
          .isEqualTo(RealStorage.SNAPSHOT_CLASS);
      assertThat(volume.getSnapshotsBeforeUpgrade())
          .contains("the cluster's default for driver " + RealStorage.DRIVER);
      System.out.printf(
          "[sequence] status.volumes[0].snapshotsBeforeUpgrade: %s%n",
          volume.getSnapshotsBeforeUpgrade());
      List<GenericKubernetesResource> snapshots = snapshots(cluster);
      assertThat(snapshots).as("%s", snapshots).singleElement();
      GenericKubernetesResource snapshot = snapshots.get(0);
      assertThat(sourceClaim(snapshot)).isEqualTo(claim);
      Instant taken = Instant.parse(snapshot.getMetadata().getCreationTimestamp());
      // The app's record and the API's timestamps have whole seconds.
      assertThat(taken)
          .as("the snapshot was asked for once the only writer had stopped")
          .isAfterOrEqualTo(appStopped);
      assertThat(snapshotReady)
          .as("the kubelet reported the writer stopped before the snapshot was ready")
          .isAfter(writerStopped);
      assertThat(appStarted)
          .as("the new version started once the snapshot was ready")
          .isAfterOrEqualTo(snapshotReady.truncatedTo(ChronoUnit.SECONDS));
      System.out.printf(
          "[figure] real storage: upgrade applied -> writer stopped %d ms -> snapshot ready %d ms"
              + " -> new version Healthy %d ms%n",
          Duration.between(upgraded, writerStopped).toMillis(),
          Duration.between(upgraded, snapshotReady).toMillis(),
          Duration.between(upgraded, serving).toMillis());

      // The user's own snapshot of the same claim, taken by the driver: never Stackpilot's to
      // prune.
      cluster
          .client()
          .genericKubernetesResources(SnapshotterStandIn.SNAPSHOTS)
          .inNamespace(cluster.namespace())
          .resource(usersOwnSnapshot(claim))
          .create();
      eventually(WAIT)
          .until(
              () ->
                  snapshots(cluster).stream()
                      .anyMatch(s -> USERS_OWN.equals(s.getMetadata().getName()) && readyToUse(s)));

      // A second upgrade: snapshotsToKeep is 1, so the first snapshot goes.
      applyWithSnapshots(cluster, "v3", LEFT_TO_DEFAULTS);
      awaitHealthyOn(cluster, "stackpilot.test/ledger:v3");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                List<GenericKubernetesResource> all = snapshots(cluster);
                assertThat(all)
                    .as("snapshots kept")
                    .extracting(s -> s.getMetadata().getName())
                    .hasSize(2)
                    .contains(USERS_OWN)
                    .doesNotContain(snapshot.getMetadata().getName());
              });
      assertThat(LedgerApp.info(cluster))
          .contains("version=3", "dataSchema=3", "entry=written-by-v1");
    }
  }

  @Test
  void aFailedUpgradeIsRolledBackOntoAClaimRestoredFromItsSnapshot(
      TestCluster cluster, RealNode node) {
    node.storage();
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, "v1", true);
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      String migrated = claimOf(cluster);
      LedgerApp.add(cluster, "before-the-upgrade");

      Instant rolledBack;
      Instant restored;
      Instant serving;
      try (var rollback =
              new FirstSeen<>(
                  cluster.client().resources(MediaService.class).inNamespace(cluster.namespace()),
                  s -> s.getStatus() != null && "RolledBack".equals(s.getStatus().getPhase()));
          var restoredClaim =
              new FirstSeen<>(
                  cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace()),
                  c ->
                      c.getMetadata().getAnnotations() != null
                          && c.getMetadata()
                              .getAnnotations()
                              .containsKey("stackpilot.io/restored-from"));
          var healthyAgain =
              new FirstSeen<>(
                  cluster.client().resources(MediaService.class).inNamespace(cluster.namespace()),
                  s ->
                      s.getStatus() != null
                          && "RolledBack".equals(s.getStatus().getPhase())
                          && available(s))) {
        apply(cluster, "v2-unhealthy", true);
        eventually(WAIT)
            .untilAsserted(
                () ->
                    assertThat(healthyAgain.at())
                        .as(
                            "v1 serving again; status: %s%npods: %s",
                            media(cluster, "ledger").getStatus(),
                            RealNodeServices.podStates(cluster, "ledger"))
                        .isPresent());
        rolledBack = rollback.at().orElseThrow();
        restored = restoredClaim.at().orElseThrow();
        serving = healthyAgain.at().orElseThrow();
      }
      String info = LedgerApp.info(cluster);
      assertThat(info)
          .as("v1 on the data from before the upgrade")
          .contains("version=1", "dataSchema=1", "entry=before-the-upgrade")
          .doesNotContain("migration=");
      PersistentVolumeClaim kept =
          cluster
              .client()
              .persistentVolumeClaims()
              .inNamespace(cluster.namespace())
              .withName(migrated)
              .get();
      assertThat(kept).as("the migrated claim is kept for inspection").isNotNull();
      assertThat(kept.getMetadata().getLabels()).containsEntry("stackpilot.io/data", "migrated");
      assertThat(events(cluster, "ledger", "DataRestored")).hasSize(1);
      assertThat(events(cluster, "ledger", "RolledBack")).hasSize(1);
      System.out.printf(
          "[figure] real storage: rollback written -> restored claim created %d ms -> v1 serving"
              + " %d ms%n",
          Duration.between(rolledBack, restored).toMillis(),
          Duration.between(rolledBack, serving).toMillis());
      printSequence(cluster);
    }
  }

  @Test
  void withoutRestoreTheOldBuildRefusesTheMigratedDataAndTheStatusNamesTheClaimAndSnapshot(
      TestCluster cluster, RealNode node) {
    node.storage();
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, "v1", false);
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      String claim = claimOf(cluster);
      LedgerApp.add(cluster, "before-the-upgrade");

      apply(cluster, "v2-unhealthy", false);
      String failed =
          eventually(WAIT)
              .until(
                  () -> media(cluster, "ledger").getStatus().getDesiredRevision(),
                  r -> r != null && !r.equals(media(cluster, "ledger").getStatus().getRevision()));
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService ledger = media(cluster, "ledger");
                assertThat(ledger.getStatus().getPhase())
                    .as(
                        "%s%npods: %s",
                        ledger.getStatus(), RealNodeServices.podStates(cluster, "ledger"))
                    .isEqualTo("Degraded");
                assertThat(condition(ledger, "Stalled").getReason())
                    .as("%s", ledger.getStatus())
                    .isEqualTo("DataNotRestored");
              });
      String stalled = condition(media(cluster, "ledger"), "Stalled").getMessage();
      System.out.println("[figure] real storage: Stalled without restore: " + stalled);
      assertThat(stalled)
          .contains("claim " + claim)
          .contains("VolumeSnapshot " + claim + "-pre-" + failed)
          .contains("restoreOnRollback is off");
      assertThat(RealNodeServices.podStates(cluster, "ledger"))
          .as("the old build says why it does not start")
          .contains("refusing to start: the data in /data has schema 2");
      assertThat(snapshots(cluster))
          .as("the snapshot to restore from is there")
          .anySatisfy(
              s -> assertThat(s.getMetadata().getName()).isEqualTo(claim + "-pre-" + failed));
    }
  }

  @Test
  void aSnapshotNobodyTakesBlocksTheUpgradeAndTheOldBuildServesOnUntilTheClassIsFixed(
      TestCluster cluster, RealNode node) {
    node.storage();
    try (RunningOperator operator = cluster.startOperator()) {
      String unserved = snapshotsOfClass(RealStorage.UNSERVED_SNAPSHOT_CLASS);
      applyWithSnapshots(cluster, "v1", unserved, "20s");
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      LedgerApp.add(cluster, "before-the-upgrade");

      Instant upgraded = Instant.now();
      applyWithSnapshots(cluster, "v2", unserved, "20s");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService ledger = media(cluster, "ledger");
                assertThat(condition(ledger, "Stalled"))
                    .as("%s", ledger.getStatus())
                    .isNotNull()
                    .satisfies(c -> assertThat(c.getReason()).isEqualTo("SnapshotFailed"));
              });
      Instant stalled = Instant.now();
      String message = condition(media(cluster, "ledger"), "Stalled").getMessage();
      System.out.printf(
          "[figure] real storage: a snapshot nobody takes: upgrade applied -> Stalled %d ms: %s%n",
          Duration.between(upgraded, stalled).toMillis(), message);
      assertThat(message).contains(claimOf(cluster) + "-pre-");
      // The old build runs again at its old size, on data nobody migrated.
      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(LedgerApp.info(cluster))
                      .contains("version=1", "dataSchema=1", "entry=before-the-upgrade"));
      assertThat(events(cluster, "ledger", "SnapshotFailed")).hasSize(1);

      // Fixed the documented way: a class the driver serves. The snapshot of the old class goes
      // first, and only its driver can let it go: nothing serves it, so the user lets it go.
      applyWithSnapshots(cluster, "v2", snapshotsOfClass(RealStorage.SNAPSHOT_CLASS), "20s");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService ledger = media(cluster, "ledger");
                assertThat(condition(ledger, "Reconciling").getMessage())
                    .as("%s", ledger.getStatus())
                    .contains("to be deleted before it is taken again", "remove the finalizers");
              });
      GenericKubernetesResource stuck = snapshots(cluster).get(0);
      assertThat(stuck.getMetadata().getDeletionTimestamp()).isNotNull();
      String content = stuck.<String>get("status", "boundVolumeSnapshotContentName");
      cluster
          .kubectl(
              "patch",
              "volumesnapshot",
              stuck.getMetadata().getName(),
              "--type=merge",
              "-p",
              "{\"metadata\":{\"finalizers\":null}}")
          .assertSuccess();
      if (content != null) {
        cluster
            .kubectl(
                "patch",
                "volumesnapshotcontent",
                content,
                "--type=merge",
                "-p",
                "{\"metadata\":{\"finalizers\":null}}")
            .assertSuccess();
      }
      awaitHealthyOn(cluster, "stackpilot.test/ledger:v2");
      assertThat(LedgerApp.info(cluster))
          .contains("version=2", "dataSchema=2", "entry=before-the-upgrade");
    }
  }

  private static GenericKubernetesResource usersOwnSnapshot(String claim) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("snapshot.storage.k8s.io/v1")
        .withKind("VolumeSnapshot")
        .withNewMetadata()
        .withName(USERS_OWN)
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "volumeSnapshotClassName",
                RealStorage.SNAPSHOT_CLASS,
                "source",
                Map.of("persistentVolumeClaimName", claim)))
        .build();
  }

  private static String snapshotsOfClass(String snapshotClass) {
    return """
        snapshotBeforeUpgrade: true
              volumeSnapshotClassName: %s
        """
        .formatted(snapshotClass);
  }

  @Test
  void aBetaSwapIsSnapshottedAfterTheWriterStoppedAndBeforeBetaStarts(
      TestCluster cluster, RealNode node) {
    node.storage();
    try (RunningOperator operator = cluster.startOperator()) {
      applyWithBeta(cluster, "stable");
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      String claim = claimOf(cluster);
      LedgerApp.add(cluster, "before-beta");

      applyWithBeta(cluster, "beta");
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService ledger = media(cluster, "ledger");
                assertThat(ledger.getStatus().getRollout())
                    .as(
                        "%s%npods: %s",
                        ledger.getStatus(), RealNodeServices.podStates(cluster, "ledger"))
                    .isNotNull();
                assertThat(ledger.getStatus().getRollout().getState())
                    .as("%s", ledger.getStatus())
                    .isEqualTo("Promoted");
                assertThat(ledger.getStatus().getPhase()).isEqualTo("Healthy");
              });
      String betaRevision = media(cluster, "ledger").getStatus().getRevision();
      List<GenericKubernetesResource> snapshots = snapshots(cluster);
      assertThat(snapshots)
          .as("the snapshot taken before beta")
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getMetadata().getName()).isEqualTo(claim + "-pre-" + betaRevision);
                assertThat(readyToUse(s)).isTrue();
              });
      String info = LedgerApp.info(cluster);
      assertThat(info).contains("version=2", "dataSchema=2", "entry=before-beta");
      List<String> writers = LedgerApp.writers(info);
      assertThat(writers).hasSize(3);
      assertThat(writers.get(1)).contains(" stop ").contains(" v1 ");
      assertThat(writers.get(2)).contains(" start ").contains(" v2 ");
      Instant taken = Instant.parse(snapshots.get(0).getMetadata().getCreationTimestamp());
      assertThat(taken)
          .as("snapshot asked for once v1 had stopped")
          .isAfterOrEqualTo(Instant.parse(writers.get(1).substring(0, 19) + "Z"));
      assertThat(Instant.parse(writers.get(2).substring(0, 19) + "Z"))
          .as("beta started once the snapshot was asked for")
          .isAfterOrEqualTo(taken);
    }
  }

  /** The ledger with v2 on its beta channel, swapped in by stages (one replica, one writer). */
  private static void applyWithBeta(TestCluster cluster, String channel) {
    cluster
        .kubectlWithInput(
            """
            apiVersion: stackpilot.io/v1alpha1
            kind: MediaService
            metadata:
              name: ledger
            spec:
              channel: %s
              channels:
                stable: {image: "stackpilot.test/ledger:v1"}
                beta: {image: "stackpilot.test/ledger:v2"}
              ports: [{name: http, port: 8080}]
              storage:
                - name: data
                  mountPath: /data
                  size: 64Mi
                  storageClassName: %s
                  snapshotBeforeUpgrade: true
                  volumeSnapshotClassName: %s
              health:
                http: {path: /cgi-bin/health, port: http}
                initialDelaySeconds: 1
                periodSeconds: 1
                # A build that never answers is killed after 10 s, so its failure shows at once.
                startup: {timeout: 10s, periodSeconds: 1}
              nodeSelector: {%s: real}
              tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
              recovery: {failureWindow: 5s, progressDeadline: 90s}
              betaRollout:
                stages:
                  - {name: limited, percent: 10, soak: 3s}
                  - {name: open, percent: 100, soak: 3s}
            """
                .formatted(
                    channel,
                    RealStorage.STORAGE_CLASS,
                    RealStorage.SNAPSHOT_CLASS,
                    RealNode.LABEL,
                    RealNode.TAINT),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  /**
   * The objects and Events of the run in the order they appeared, as the closing note of a release
   * shows it: claims and snapshots by creation, the service's and its Deployment's Events.
   */
  private static void printSequence(TestCluster cluster) {
    List<String[]> lines = new ArrayList<>();
    var client = cluster.client();
    String namespace = cluster.namespace();
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            c ->
                lines.add(
                    new String[] {
                      c.getMetadata().getCreationTimestamp(),
                      "PersistentVolumeClaim/" + c.getMetadata().getName() + " created"
                    }));
    snapshots(cluster)
        .forEach(
            s ->
                lines.add(
                    new String[] {
                      s.getMetadata().getCreationTimestamp(),
                      "VolumeSnapshot/" + s.getMetadata().getName() + " created"
                    }));
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            e ->
                lines.add(
                    new String[] {
                      e.getEventTime() != null && e.getEventTime().getTime() != null
                          ? e.getEventTime().getTime()
                          : e.getFirstTimestamp(),
                      e.getInvolvedObject().getKind()
                          + "/"
                          + e.getInvolvedObject().getName()
                          + " "
                          + e.getReason()
                          + ": "
                          + e.getMessage()
                    }));
    lines.stream()
        .filter(l -> l[0] != null)
        .sorted(Comparator.comparing((String[] l) -> Instant.parse(l[0])))
        .forEach(l -> System.out.println("[sequence] " + l[0] + " " + l[1]));
  }

  private static void awaitHealthyOn(TestCluster cluster, String image) {
    eventually(WAIT)
        .untilAsserted(
            () -> {
              MediaService ledger = media(cluster, "ledger");
              assertThat(healthyOn(ledger, image))
                  .as(
                      "Healthy on %s; status: %s%npods: %s",
                      image, ledger.getStatus(), RealNodeServices.podStates(cluster, "ledger"))
                  .isTrue();
            });
  }

  private static boolean healthyOn(MediaService service, String image) {
    return service.getStatus() != null
        && "Healthy".equals(service.getStatus().getPhase())
        && image.equals(service.getStatus().getImage());
  }

  /** Serving: rolled back is not Ready (the spec asks for another revision), but Available. */
  private static boolean available(MediaService service) {
    return service.getStatus().getConditions() != null
        && service.getStatus().getConditions().stream()
            .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A pod of the ledger whose app container the kubelet reports stopped. */
  private static boolean stopped(Pod pod, String image) {
    return pod.getStatus() != null
        && pod.getStatus().getContainerStatuses() != null
        && pod.getStatus().getContainerStatuses().stream()
            .anyMatch(
                c ->
                    image.equals(c.getImage())
                        && c.getState() != null
                        && c.getState().getTerminated() != null);
  }

  private static boolean readyToUse(GenericKubernetesResource snapshot) {
    Object status = snapshot.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("readyToUse"));
  }

  private static String sourceClaim(GenericKubernetesResource snapshot) {
    Map<?, ?> spec = (Map<?, ?>) snapshot.getAdditionalProperties().get("spec");
    Map<?, ?> source = (Map<?, ?>) spec.get("source");
    return (String) source.get("persistentVolumeClaimName");
  }

  private static List<GenericKubernetesResource> snapshots(TestCluster cluster) {
    return cluster
        .client()
        .genericKubernetesResources(SnapshotterStandIn.SNAPSHOTS)
        .inNamespace(cluster.namespace())
        .list()
        .getItems();
  }

  /** The claim the ledger's Deployment mounts now. */
  private static String claimOf(TestCluster cluster) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withName("ledger")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getVolumes()
        .stream()
        .filter(v -> v.getPersistentVolumeClaim() != null)
        .findFirst()
        .orElseThrow()
        .getPersistentVolumeClaim()
        .getClaimName();
  }

  /**
   * The ledger on a claim of the real CSI driver, snapshotted before every upgrade as its spec
   * insists, with the real class named.
   */
  private static void apply(TestCluster cluster, String tag, boolean restoreOnRollback) {
    applyWithSnapshots(
        cluster,
        tag,
        """
        snapshotBeforeUpgrade: true
              volumeSnapshotClassName: %s
              restoreOnRollback: %s
        """
            .formatted(RealStorage.SNAPSHOT_CLASS, restoreOnRollback));
  }

  /**
   * The ledger on a claim of the real CSI driver, with snapshot settings given as lines of its
   * storage item ("" leaves them to the defaults).
   */
  private static void applyWithSnapshots(TestCluster cluster, String tag, String snapshotSettings) {
    applyWithSnapshots(cluster, tag, snapshotSettings, "90s");
  }

  private static void applyWithSnapshots(
      TestCluster cluster, String tag, String snapshotSettings, String progressDeadline) {
    cluster
        .kubectlWithInput(
            """
            apiVersion: stackpilot.io/v1alpha1
            kind: MediaService
            metadata:
              name: ledger
            spec:
              channels:
                stable: {image: "stackpilot.test/ledger:%s"}
              ports: [{name: http, port: 8080}]
              storage:
                - name: data
                  mountPath: /data
                  size: 64Mi
                  storageClassName: %s
                  snapshotsToKeep: 1
                  %s
              health:
                http: {path: /cgi-bin/health, port: http}
                initialDelaySeconds: 1
                periodSeconds: 1
                # A build that never answers is killed after 10 s, so its failure shows at once.
                startup: {timeout: 10s, periodSeconds: 1}
              nodeSelector: {%s: real}
              tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
              recovery: {failureWindow: 5s, progressDeadline: %s, maxRestarts: 1}
            """
                .formatted(
                    tag,
                    RealStorage.STORAGE_CLASS,
                    snapshotSettings.strip(),
                    RealNode.LABEL,
                    RealNode.TAINT,
                    progressDeadline),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
