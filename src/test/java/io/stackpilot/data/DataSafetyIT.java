package io.stackpilot.data;

import static io.stackpilot.testing.ServiceQueries.deployment;
import static io.stackpilot.testing.ServiceQueries.image;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.phase;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.HistoryEntry;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.Stacks;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 6: a user's data outlives everything Stackpilot does. Deleting a service, its
 * stack or the operator itself deletes no claim except one the spec marks {@code reclaim: Delete};
 * the revision history survives an operator restart; and a rollback, even one to a revision
 * recorded by the operator before it restarted, drops no claim. ServiceLifecycleIT covers the plain
 * case of one service with one retained claim; these add the claims a user owns, reclaim Delete
 * both ways, the stack, the operator's uninstall, and rollback.
 */
@WithLocalCluster
class DataSafetyIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String LIBRARY = "media-library";
  private static final String DOWNLOADS = "downloads";

  @Test
  void deletingAServiceDeletesOnlyTheClaimMarkedReclaimDelete(TestCluster cluster) {
    userClaims(cluster);
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "lscr.io/linuxserver/radarr:5.26.2",
          """
          storage:
            - {name: config, mountPath: /config, size: 1Gi}
            - {name: cache, mountPath: /cache, size: 1Gi, reclaim: Delete}
            - {name: downloads, mountPath: /downloads, existingClaim: downloads}
          """);
      eventually().until(() -> ready(media(cluster, "radarr")));
      assertThat(claimNames(cluster)).contains("radarr-config", "radarr-cache", DOWNLOADS, LIBRARY);

      cluster.kubectl("delete", "mediaservice", "radarr").assertSuccess();

      // The garbage collector has done its work once the Deployment and the owned claim are gone.
      eventually()
          .untilAsserted(
              () -> {
                assertThat(deployment(cluster, "radarr")).isNull();
                assertThat(gone(claim(cluster, "radarr-cache")))
                    .as("the claim marked reclaim: Delete")
                    .isTrue();
              });
      assertThat(live(claim(cluster, "radarr-config"))).as("the retained claim").isTrue();
      assertThat(live(claim(cluster, DOWNLOADS)))
          .as("the user's claim the service mounted")
          .isTrue();
      assertThat(live(claim(cluster, LIBRARY))).as("the user's media library").isTrue();
    }
  }

  @Test
  void reclaimChangedFromDeleteToRetainKeepsTheClaimAndBackAgainLetsItGo(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "lscr.io/linuxserver/lidarr:2.12.4",
          "storage: [{name: config, mountPath: /config, size: 1Gi," + " reclaim: Delete}]",
          "lidarr");
      eventually()
          .untilAsserted(() -> assertThat(owners(claim(cluster, "lidarr-config"))).hasSize(1));

      apply(
          cluster,
          "lscr.io/linuxserver/lidarr:2.12.4",
          "storage: [{name: config, mountPath: /config, size: 1Gi," + " reclaim: Retain}]",
          "lidarr");
      eventually()
          .untilAsserted(() -> assertThat(owners(claim(cluster, "lidarr-config"))).isEmpty());
      cluster.kubectl("delete", "mediaservice", "lidarr").assertSuccess();
      eventually().until(() -> deployment(cluster, "lidarr") == null);
      assertThat(live(claim(cluster, "lidarr-config")))
          .as("a claim retained before its service went")
          .isTrue();

      // The same claim, adopted by a new service that marks it Delete, goes with that service.
      apply(
          cluster,
          "lscr.io/linuxserver/lidarr:2.12.4",
          "storage: [{name: config, mountPath: /config, size: 1Gi," + " reclaim: Delete}]",
          "lidarr");
      eventually()
          .untilAsserted(() -> assertThat(owners(claim(cluster, "lidarr-config"))).hasSize(1));
      cluster.kubectl("delete", "mediaservice", "lidarr").assertSuccess();
      eventually().until(() -> gone(claim(cluster, "lidarr-config")));
    }
  }

  @Test
  void deletingTheStackLeavesItsMembersRunningAndTheirClaims(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      Stacks.applyHome(cluster);
      apply(
          cluster,
          "lscr.io/linuxserver/sonarr:4.0.15",
          """
          stack: home
          storage: [{name: config, mountPath: /config, size: 1Gi}]
          """,
          "sonarr");
      eventually().until(() -> ready(media(cluster, "sonarr")));
      String uid = deployment(cluster, "sonarr").getMetadata().getUid();

      cluster.kubectl("delete", "servicestack", "home").assertSuccess();

      // The member now names a stack that is not there: Invalid, and what runs keeps running.
      eventually()
          .untilAsserted(() -> assertThat(phase(media(cluster, "sonarr"))).isEqualTo("Invalid"));
      assertThat(deployment(cluster, "sonarr").getMetadata().getUid()).isEqualTo(uid);
      assertThat(ServiceQueries.pods(cluster, "sonarr")).isNotEmpty();
      assertThat(live(claim(cluster, "sonarr-config"))).isTrue();
    }
  }

  @Test
  void uninstallingTheOperatorLeavesEveryServiceAndClaimAndANewOneTakesOver(TestCluster cluster) {
    cluster.installCrds();
    userClaims(cluster);
    CommandResult install =
        cluster.helm(
            "install",
            "stackpilot",
            "helm/stackpilot",
            "--skip-crds",
            "--set",
            "watchNamespaces={" + cluster.namespace() + "}",
            "--set",
            "replicas=1");
    assertThat(install.succeeded()).as(install.describe()).isTrue();
    String revision;
    try (RunningOperator operator = cluster.startOperator()) {
      apply(
          cluster,
          "lscr.io/linuxserver/sonarr:4.0.15",
          """
          storage: [{name: config, mountPath: /config, size: 1Gi}]
          media:
            libraries: [{name: tv, claimName: media-library, mountPath: /tv}]
          """,
          "sonarr");
      eventually().until(() -> ready(media(cluster, "sonarr")));
      revision = media(cluster, "sonarr").getStatus().getRevision();
    }

    // The operator gone as a user removes it: stopped, and its release uninstalled (Helm keeps
    // CRDs).
    cluster.helm("uninstall", "stackpilot", "--wait", "--timeout", "60s").assertSuccess();

    MediaService sonarr = media(cluster, "sonarr");
    assertThat(sonarr).as("the service").isNotNull();
    assertThat(sonarr.getMetadata().getFinalizers())
        .as("finalizers that would hold the service")
        .isNullOrEmpty();
    assertThat(deployment(cluster, "sonarr")).as("its Deployment").isNotNull();
    assertThat(claimNames(cluster)).contains("sonarr-config", LIBRARY);

    try (RunningOperator successor = cluster.startOperator()) {
      eventually()
          .untilAsserted(
              () -> {
                MediaService adopted = media(cluster, "sonarr");
                assertThat(adopted.getStatus().getRevision()).isEqualTo(revision);
                assertThat(ready(adopted)).isTrue();
              });
      assertThat(claimNames(cluster)).contains("sonarr-config", LIBRARY);
    }
  }

  @Test
  void historyOutlivesAnOperatorRestartAndARollbackToItDropsNoClaim(TestCluster cluster) {
    userClaims(cluster);
    String good = "lscr.io/linuxserver/sonarr:4.0.14";
    String better = "lscr.io/linuxserver/sonarr:4.0.15";
    String volumes =
        """
        storage:
          - {name: config, mountPath: /config, size: 1Gi}
          - {name: downloads, mountPath: /downloads, existingClaim: downloads}
        """;
    String library =
        """
        media:
          libraries: [{name: tv, claimName: media-library, mountPath: /tv}]
        """;
    String storage = volumes + library;
    List<HistoryEntry> before;
    try (RunningOperator first = cluster.startOperator()) {
      apply(cluster, good, storage, "sonarr");
      eventually().until(() -> ready(media(cluster, "sonarr")));
      apply(cluster, better, storage, "sonarr");
      eventually()
          .until(
              () ->
                  ready(media(cluster, "sonarr"))
                      && better.equals(media(cluster, "sonarr").getStatus().getImage()));
      before = media(cluster, "sonarr").getStatus().getHistory();
      assertThat(before).extracting(HistoryEntry::getImage).contains(good, better);
    }

    try (RunningOperator second = cluster.startOperator()) {
      eventually().untilAsserted(() -> assertThat(second.reconciles()).isPositive());
      assertThat(media(cluster, "sonarr").getStatus().getHistory())
          .as("history after the restart")
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(before);

      // An upgrade that adds a volume and crashes: rolled back to the revision the first operator
      // recorded.
      apply(
          cluster,
          "lscr.io/linuxserver/sonarr:4.0.16-crashloop",
          volumes + "  - {name: extra, mountPath: /extra, size: 1Gi}\n" + library,
          "sonarr");
      eventually()
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getPhase()).isEqualTo("RolledBack");
                assertThat(image(deployment(cluster, "sonarr"))).isEqualTo(better);
              });
      Deployment restored = deployment(cluster, "sonarr");
      assertThat(restored.getSpec().getTemplate().getSpec().getVolumes())
          .extracting(
              v ->
                  v.getPersistentVolumeClaim() == null
                      ? null
                      : v.getPersistentVolumeClaim().getClaimName())
          .filteredOn(Objects::nonNull)
          .as("the claims the restored revision mounts")
          .containsExactlyInAnyOrder("sonarr-config", DOWNLOADS, LIBRARY);
      assertThat(claimNames(cluster))
          .as("every claim, the failed revision's new one too")
          .contains("sonarr-config", "sonarr-extra", DOWNLOADS, LIBRARY);
      assertThat(media(cluster, "sonarr").getStatus().getHistory())
          .extracting(HistoryEntry::getImage)
          .contains(good, better, "lscr.io/linuxserver/sonarr:4.0.16-crashloop");
    }
  }

  // --- helpers

  private static void apply(TestCluster cluster, String image, String extra) {
    apply(cluster, image, extra, "radarr");
  }

  private static void apply(TestCluster cluster, String image, String extra, String name) {
    String indented =
        extra.lines().map(line -> "  " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: %s}
        spec:
          channels: {stable: {image: "%s"}}
          ports: [{name: http, port: 8080}]
          recovery: {failureWindow: 3s, progressDeadline: 30s}
        %s
        """
                .formatted(name, image, indented),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  /** The claims a user owns and hands to services: a download folder and a shared media library. */
  private static void userClaims(TestCluster cluster) {
    for (String name : List.of(DOWNLOADS, LIBRARY)) {
      cluster
          .client()
          .persistentVolumeClaims()
          .inNamespace(cluster.namespace())
          .resource(
              new PersistentVolumeClaimBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .endMetadata()
                  .withNewSpec()
                  .withAccessModes("ReadWriteMany")
                  .withNewResources()
                  .addToRequests("storage", new Quantity("10Gi"))
                  .endResources()
                  .endSpec()
                  .build())
          .create();
    }
  }

  private static PersistentVolumeClaim claim(TestCluster cluster, String name) {
    return cluster
        .client()
        .persistentVolumeClaims()
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  private static List<String> claimNames(TestCluster cluster) {
    List<String> names = new ArrayList<>();
    cluster
        .client()
        .persistentVolumeClaims()
        .inNamespace(cluster.namespace())
        .list()
        .getItems()
        .stream()
        .filter(DataSafetyIT::live)
        .forEach(c -> names.add(c.getMetadata().getName()));
    return names;
  }

  private static List<?> owners(PersistentVolumeClaim claim) {
    return claim.getMetadata().getOwnerReferences() == null
        ? List.of()
        : claim.getMetadata().getOwnerReferences();
  }

  private static boolean live(PersistentVolumeClaim claim) {
    return claim != null && claim.getMetadata().getDeletionTimestamp() == null;
  }

  /** Deleted, or on its way: a claim waits for the pods that use it to go before it disappears. */
  private static boolean gone(PersistentVolumeClaim claim) {
    return !live(claim);
  }

  private static ConditionFactory eventually() {
    return ServiceQueries.eventually(WAIT);
  }
}
