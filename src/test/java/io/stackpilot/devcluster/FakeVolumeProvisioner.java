package io.stackpilot.devcluster;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the storage driver the local control plane lacks: a default StorageClass, and for every
 * pending claim of it a PersistentVolume pre-bound to that claim, which the controller manager's
 * volume binder then binds as it would a dynamically provisioned one. Without it, pods with claims
 * would never be scheduled.
 */
final class FakeVolumeProvisioner implements AutoCloseable {

  static final String STORAGE_CLASS = "standard";
  private static final String PROVISIONER = "local.stackpilot.io/fake";
  private static final Logger log = LoggerFactory.getLogger(FakeVolumeProvisioner.class);

  private final KubernetesClient client;
  private SharedIndexInformer<PersistentVolumeClaim> informer;

  FakeVolumeProvisioner(KubernetesClient client) {
    this.client = client;
  }

  FakeVolumeProvisioner start() {
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(STORAGE_CLASS)
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata()
                .withProvisioner(PROVISIONER)
                .withReclaimPolicy("Retain")
                .withVolumeBindingMode("Immediate")
                .withAllowVolumeExpansion(true)
                .build())
        .serverSideApply();
    informer =
        client
            .persistentVolumeClaims()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(PersistentVolumeClaim claim) {
                    provisionIfPending(claim);
                  }

                  @Override
                  public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim claim) {
                    provisionIfPending(claim);
                  }

                  @Override
                  public void onDelete(PersistentVolumeClaim claim, boolean unknownState) {
                    // Volumes are retained, as with reclaimPolicy Retain on a real driver.
                  }
                });
    return this;
  }

  private void provisionIfPending(PersistentVolumeClaim claim) {
    boolean pending = claim.getStatus() == null || "Pending".equals(claim.getStatus().getPhase());
    String storageClass = claim.getSpec().getStorageClassName();
    boolean ours =
        storageClass == null || storageClass.isEmpty() || STORAGE_CLASS.equals(storageClass);
    if (!pending || !ours || claim.getSpec().getVolumeName() != null) {
      return;
    }
    Map<String, Quantity> requests =
        claim.getSpec().getResources() == null
            ? null
            : claim.getSpec().getResources().getRequests();
    Quantity size =
        requests == null || !requests.containsKey("storage")
            ? new Quantity("1Gi")
            : requests.get("storage");
    PersistentVolume volume =
        new PersistentVolumeBuilder()
            .withNewMetadata()
            .withName("pv-" + claim.getMetadata().getUid())
            .addToLabels("local.stackpilot.io/claim", claim.getMetadata().getName())
            .endMetadata()
            .withNewSpec()
            .withCapacity(Map.of("storage", size))
            .withAccessModes(claim.getSpec().getAccessModes())
            .withStorageClassName(
                storageClass == null || storageClass.isEmpty() ? STORAGE_CLASS : storageClass)
            .withPersistentVolumeReclaimPolicy("Retain")
            .withNewHostPath()
            .withPath("/var/lib/fake-volumes/" + claim.getMetadata().getUid())
            .endHostPath()
            .withNewClaimRef()
            .withNamespace(claim.getMetadata().getNamespace())
            .withName(claim.getMetadata().getName())
            .withUid(claim.getMetadata().getUid())
            .endClaimRef()
            .endSpec()
            .build();
    try {
      client.persistentVolumes().resource(volume).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        log.warn(
            "Could not provision a volume for claim {}/{}: {}",
            claim.getMetadata().getNamespace(),
            claim.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
