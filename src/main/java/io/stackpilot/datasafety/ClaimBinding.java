package io.stackpilot.datasafety;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.render.RenderedService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points rendered objects at restored claims. Rendering always names a storage item's claim after
 * the service and the item, and the revision hash is taken from that rendering; a data rollback
 * then swaps in the restored claim here, after hashing, so that a restore never looks like a new
 * spec to recovery and the revision a user asked for keeps its name.
 */
public final class ClaimBinding {

  private static final KubernetesSerialization COPY = new KubernetesSerialization();

  private ClaimBinding() {}

  /** A restored claim that replaces the rendered claim of a storage item. */
  public record Restored(
      String storage,
      String renderedClaim,
      String claim,
      String snapshot,
      String replaces,
      String failedRevision) {}

  /** The same objects, with each restored item's claim (and the Deployment's volume) replaced. */
  public static RenderedService rebind(RenderedService rendered, List<Restored> restored) {
    if (restored.isEmpty()) {
      return rendered;
    }
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    for (PersistentVolumeClaim claim : rendered.claims()) {
      String name = claim.getMetadata().getName();
      claims.add(
          restored.stream()
              .filter(r -> r.renderedClaim().equals(name))
              .findFirst()
              .map(r -> restoredClaim(claim, r))
              .orElse(claim));
    }
    return new RenderedService(
        rendered.revision(),
        rebind(rendered.deployment(), restored),
        rendered.service(),
        rendered.configMaps(),
        List.copyOf(claims),
        rendered.exposure());
  }

  /**
   * The same objects in the same order, with each restored item's claim and the volumes that mount
   * it replaced.
   */
  public static List<HasMetadata> rebind(List<HasMetadata> objects, List<Restored> restored) {
    if (restored.isEmpty()) {
      return objects;
    }
    List<HasMetadata> rebound = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof Deployment deployment) {
        rebound.add(rebind(deployment, restored));
      } else if (object instanceof PersistentVolumeClaim claim) {
        rebound.add(
            restored.stream()
                .filter(r -> r.renderedClaim().equals(claim.getMetadata().getName()))
                .findFirst()
                .<HasMetadata>map(r -> restoredClaim(claim, r))
                .orElse(claim));
      } else {
        rebound.add(object);
      }
    }
    return rebound;
  }

  /** A Deployment whose volumes mount the restored claims instead of the rendered ones. */
  public static Deployment rebind(Deployment deployment, List<Restored> restored) {
    Deployment copy = COPY.clone(deployment);
    List<Volume> volumes = copy.getSpec().getTemplate().getSpec().getVolumes();
    if (volumes == null) {
      return copy;
    }
    for (Volume volume : volumes) {
      if (volume.getPersistentVolumeClaim() == null) {
        continue;
      }
      String claim = volume.getPersistentVolumeClaim().getClaimName();
      restored.stream()
          .filter(r -> r.renderedClaim().equals(claim))
          .findFirst()
          .ifPresent(r -> volume.getPersistentVolumeClaim().setClaimName(r.claim()));
    }
    return copy;
  }

  /**
   * The rendered claim's spec, renamed, filled from the snapshot and labelled with what it
   * replaced.
   */
  public static PersistentVolumeClaim restoredClaim(
      PersistentVolumeClaim rendered, Restored restored) {
    return new PersistentVolumeClaimBuilder(COPY.clone(rendered))
        .editMetadata()
        .withName(restored.claim())
        .addToLabels(DataSafetyLabels.STORAGE, restored.storage())
        .addToAnnotations(
            Map.of(
                DataSafetyLabels.RESTORED_FROM, restored.snapshot(),
                DataSafetyLabels.REPLACES, restored.replaces(),
                DataSafetyLabels.FAILED_REVISION, restored.failedRevision()))
        .endMetadata()
        .editSpec()
        .withDataSource(
            new TypedLocalObjectReferenceBuilder()
                .withApiGroup(DataSafetyLabels.SNAPSHOT_GROUP)
                .withKind("VolumeSnapshot")
                .withName(restored.snapshot())
                .build())
        .endSpec()
        .build();
  }
}
