package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.Stacks;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Claims on the real provisioner outlive what users delete: deleting the stack, stopping the
 * operator or deleting the service never deletes a Retain claim, whose data the service finds again
 * when it comes back; a Delete claim goes with its service, and the provisioner deletes its volume.
 */
@WithLocalCluster
class RealNodeClaimsIT {

  private static final Duration WAIT = Duration.ofSeconds(180);

  @Test
  void aRetainedClaimKeepsItsDataAcrossTheStackTheOperatorAndTheServiceGoing(
      TestCluster cluster, RealNode node) {
    node.storage();
    String cacheVolume;
    try (RunningOperator operator = cluster.startOperator()) {
      Stacks.applyHome(cluster);
      apply(cluster);
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      LedgerApp.get(cluster, "/cgi-bin/add?kept");
      cacheVolume = claim(cluster, "ledger-cache").getSpec().getVolumeName();

      // The stack is gone: its member is Invalid, and keeps running on both its claims.
      cluster.kubectl("delete", "servicestack", "home", "--wait=true").assertSuccess();
      eventually(WAIT)
          .untilAsserted(
              () ->
                  assertThat(phase(cluster))
                      .as("%s", media(cluster, "ledger").getStatus())
                      .isEqualTo("Invalid"));
      assertThat(bound(claim(cluster, "ledger-data"))).as("the Retain claim").isTrue();
      assertThat(bound(claim(cluster, "ledger-cache"))).as("the Delete claim").isTrue();
      assertThat(LedgerApp.get(cluster, "/cgi-bin/info"))
          .as("the member still serves its data without its stack")
          .contains("entry=kept");
      Stacks.applyHome(cluster);
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
    }
    // The operator is gone: nothing it made may go with it.
    assertThat(bound(claim(cluster, "ledger-data"))).isTrue();
    assertThat(bound(claim(cluster, "ledger-cache"))).isTrue();

    try (RunningOperator operator = cluster.startOperator()) {
      cluster.kubectl("delete", "mediaservice", "ledger", "--wait=true").assertSuccess();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(claim(cluster, "ledger-cache")).as("the Delete claim").isNull();
                assertThat(cluster.client().persistentVolumes().withName(cacheVolume).get())
                    .as("its volume, deleted by the provisioner")
                    .isNull();
              });
      assertThat(bound(claim(cluster, "ledger-data"))).as("the Retain claim").isTrue();

      apply(cluster);
      RealNodeServices.awaitReady(cluster, "ledger", WAIT);
      assertThat(LedgerApp.get(cluster, "/cgi-bin/info"))
          .as("the service back on its retained claim, with its data")
          .contains("entry=kept");
    }
  }

  private static String phase(TestCluster cluster) {
    MediaService service = media(cluster, "ledger");
    return service.getStatus() == null ? null : service.getStatus().getPhase();
  }

  private static PersistentVolumeClaim claim(TestCluster cluster, String name) {
    return cluster
        .client()
        .persistentVolumeClaims()
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  private static boolean bound(PersistentVolumeClaim claim) {
    return claim != null
        && claim.getMetadata().getDeletionTimestamp() == null
        && "Bound".equals(claim.getStatus().getPhase());
  }

  private static void apply(TestCluster cluster) {
    cluster
        .kubectlWithInput(LedgerApp.onRetainedAndDeletedClaims(), "apply", "-f", "-")
        .assertSuccess();
  }
}
