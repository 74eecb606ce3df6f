package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.stackpilot.api.ReclaimPolicy;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeAccessMode;
import io.stackpilot.config.EffectiveService;
import java.util.List;

/**
 * The claims Stackpilot creates. A claim is owned by the service only with reclaim: Delete;
 * otherwise it has no owner, so deleting the service (or the stack, or the operator) never deletes
 * the data.
 */
final class ClaimRenderer {

  static final String RECLAIM_ANNOTATION = "stackpilot.io/reclaim";

  private ClaimRenderer() {}

  static List<PersistentVolumeClaim> render(EffectiveService service, OwnerReference owner) {
    return service.storage().stream()
        .filter(s -> s.getExistingClaim() == null || s.getExistingClaim().isEmpty())
        .map(s -> claim(service, s, owner))
        .toList();
  }

  private static PersistentVolumeClaim claim(
      EffectiveService service, StorageSpec storage, OwnerReference owner) {
    ReclaimPolicy reclaim =
        storage.getReclaim() == null
            ? SchemaDefaults.of(ReclaimPolicy.class, SchemaDefaults.RECLAIM)
            : storage.getReclaim();
    VolumeAccessMode mode =
        storage.getAccessMode() == null
            ? SchemaDefaults.of(VolumeAccessMode.class, SchemaDefaults.ACCESS_MODE)
            : storage.getAccessMode();
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(ObjectNames.claim(service.name(), storage))
        .withNamespace(service.namespace())
        .withLabels(Labels.standard(service))
        .addToAnnotations(RECLAIM_ANNOTATION, reclaim.value())
        .withOwnerReferences(reclaim == ReclaimPolicy.DELETE ? List.of(owner) : List.of())
        .endMetadata()
        .withNewSpec()
        .withAccessModes(mode.value())
        .withStorageClassName(emptyToNull(storage.getStorageClassName()))
        .withNewResources()
        .addToRequests("storage", new Quantity(storage.getSize()))
        .endResources()
        .endSpec()
        .build();
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
