package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.stackpilot.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A claim the user owns, bound to a folder on the real node (a hostPath volume made ahead, as an
 * administrator provisions one by hand). Closing it deletes the claim and the volume; the folder
 * goes with the node.
 */
final class LedgerVolume implements AutoCloseable {

  private final TestCluster cluster;
  private final String claim;
  private final String volume;

  private LedgerVolume(TestCluster cluster, String claim, String volume) {
    this.cluster = cluster;
    this.claim = claim;
    this.volume = volume;
  }

  static LedgerVolume create(TestCluster cluster, String claim, Path folder) {
    String volume = cluster.namespace() + "-" + claim;
    PersistentVolume pv =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName(volume)
            .endMetadata()
            .withNewSpec()
            .addToCapacity("storage", new Quantity("1Gi"))
            .withAccessModes("ReadWriteOnce")
            .withPersistentVolumeReclaimPolicy("Retain")
            .withStorageClassName("")
            .withNewClaimRef()
            .withNamespace(cluster.namespace())
            .withName(claim)
            .endClaimRef()
            .withNewHostPath()
            .withPath(folder.toString())
            .withType("Directory")
            .endHostPath()
            .endSpec()
            .build();
    cluster.client().persistentVolumes().resource(pv).create();
    PersistentVolumeClaim pvc =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(claim)
            .endMetadata()
            .withNewSpec()
            .withAccessModes("ReadWriteOnce")
            .withStorageClassName("")
            .withVolumeName(volume)
            .withNewResources()
            .addToRequests("storage", new Quantity("1Gi"))
            .endResources()
            .endSpec()
            .build();
    var claims = cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace());
    claims.resource(pvc).create();
    eventually(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              PersistentVolumeClaim now = claims.withName(claim).get();
              assertThat(now.getStatus().getPhase())
                  .as("claim %s bound; status: %s", claim, now.getStatus())
                  .isEqualTo("Bound");
            });
    return new LedgerVolume(cluster, claim, volume);
  }

  @Override
  public void close() {
    cluster
        .client()
        .persistentVolumeClaims()
        .inNamespace(cluster.namespace())
        .withName(claim)
        .delete();
    cluster.client().persistentVolumes().withName(volume).delete();
  }
}
