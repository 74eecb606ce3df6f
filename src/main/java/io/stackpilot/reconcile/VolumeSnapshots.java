package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.stackpilot.datasafety.ClaimObservation;
import io.stackpilot.datasafety.DataSafetyLabels;
import io.stackpilot.datasafety.SnapshotClassInfo;
import io.stackpilot.datasafety.SnapshotGate.PlannedSnapshot;
import io.stackpilot.datasafety.SnapshotObservation;
import io.stackpilot.render.Labels;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CSI snapshot API (snapshot.storage.k8s.io/v1), read and written as generic resources: it is
 * an add-on a cluster may not have, so the operator must start and run without it, and only the
 * services that ask for snapshots ever touch it.
 */
final class VolumeSnapshots {

  static final ResourceDefinitionContext SNAPSHOT =
      new ResourceDefinitionContext.Builder()
          .withGroup(DataSafetyLabels.SNAPSHOT_GROUP)
          .withVersion("v1")
          .withKind("VolumeSnapshot")
          .withPlural("volumesnapshots")
          .withNamespaced(true)
          .build();
  static final ResourceDefinitionContext SNAPSHOT_CLASS =
      new ResourceDefinitionContext.Builder()
          .withGroup(DataSafetyLabels.SNAPSHOT_GROUP)
          .withVersion("v1")
          .withKind("VolumeSnapshotClass")
          .withPlural("volumesnapshotclasses")
          .withNamespaced(false)
          .build();

  private VolumeSnapshots() {}

  /** The cluster's VolumeSnapshotClasses, or empty when the snapshot API is not installed. */
  static Optional<List<SnapshotClassInfo>> classes(KubernetesClient client) {
    try {
      return Optional.of(
          client.genericKubernetesResources(SNAPSHOT_CLASS).list().getItems().stream()
              .map(VolumeSnapshots::classInfo)
              .toList());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A class's name, driver and default mark. */
  static SnapshotClassInfo classInfo(GenericKubernetesResource snapshotClass) {
    Map<String, String> annotations =
        Optional.ofNullable(snapshotClass.getMetadata().getAnnotations()).orElse(Map.of());
    Object driver = snapshotClass.getAdditionalProperties().get("driver");
    return new SnapshotClassInfo(
        snapshotClass.getMetadata().getName(),
        driver == null ? "" : driver.toString(),
        "true".equals(annotations.get(SnapshotClassInfo.DEFAULT_ANNOTATION)));
  }

  /** The snapshots of one service. */
  static List<SnapshotObservation> of(KubernetesClient client, String namespace, String service) {
    List<GenericKubernetesResource> snapshots =
        new ArrayList<>(
            client
                .genericKubernetesResources(SNAPSHOT)
                .inNamespace(namespace)
                .withLabel(Labels.SERVICE, service)
                .list()
                .getItems());
    // Snapshots taken before the service label came are never applied again; they keep the old one.
    snapshots.addAll(
        client
            .genericKubernetesResources(SNAPSHOT)
            .inNamespace(namespace)
            .withLabel(Labels.INSTANCE, service)
            .withoutLabel(Labels.SERVICE)
            .list()
            .getItems());
    return snapshots.stream().map(VolumeSnapshots::observe).toList();
  }

  static SnapshotObservation observe(GenericKubernetesResource snapshot) {
    Map<String, String> labels =
        Optional.ofNullable(snapshot.getMetadata().getLabels()).orElse(Map.of());
    String source = snapshot.<String>get("spec", "source", "persistentVolumeClaimName");
    Boolean ready = snapshot.<Boolean>get("status", "readyToUse");
    String error = snapshot.<String>get("status", "error", "message");
    // creationTimestamp has whole seconds; two upgrades within one would make retention guess.
    Instant created =
        Optional.ofNullable(snapshot.getMetadata().getAnnotations())
            .map(a -> a.get(DataSafetyLabels.REQUESTED_AT))
            .or(() -> Optional.ofNullable(snapshot.getMetadata().getCreationTimestamp()))
            .map(Instant::parse)
            .orElse(Instant.EPOCH);
    return new SnapshotObservation(
        snapshot.getMetadata().getName(),
        source == null ? "" : source,
        Optional.ofNullable(labels.get(DataSafetyLabels.STORAGE)),
        Optional.ofNullable(labels.get(DataSafetyLabels.BEFORE_REVISION)),
        Labels.MANAGER.equals(labels.get(Labels.MANAGED_BY)),
        Boolean.TRUE.equals(ready),
        Optional.ofNullable(error)
            .or(
                () ->
                    Optional.ofNullable(snapshot.<Object>get("status", "error"))
                        .map(e -> "the snapshotter reported an error")),
        created,
        Optional.ofNullable(snapshot.<String>get("spec", "volumeSnapshotClassName"))
            .filter(c -> !c.isBlank()),
        Optional.ofNullable(snapshot.getMetadata().getDeletionTimestamp()).map(Instant::parse));
  }

  static GenericKubernetesResource render(
      PlannedSnapshot planned, String namespace, Map<String, String> standardLabels, Instant now) {
    Map<String, String> labels = new TreeMap<>(standardLabels);
    labels.put(DataSafetyLabels.STORAGE, planned.storage());
    labels.put(DataSafetyLabels.SOURCE_CLAIM, planned.claim());
    labels.put(DataSafetyLabels.BEFORE_REVISION, planned.revision());
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(DataSafetyLabels.SNAPSHOT_API_VERSION)
        .withKind("VolumeSnapshot")
        .withNewMetadata()
        .withName(planned.name())
        .withNamespace(namespace)
        .withLabels(labels)
        .addToAnnotations(DataSafetyLabels.REQUESTED_AT, now.toString())
        .endMetadata()
        .addToAdditionalProperties(
            "spec",
            Map.of(
                "volumeSnapshotClassName", planned.snapshotClass(),
                "source", Map.of("persistentVolumeClaimName", planned.claim())))
        .build();
  }

  static List<ClaimObservation> claims(Collection<PersistentVolumeClaim> claims) {
    return claims.stream().map(VolumeSnapshots::observe).toList();
  }

  static ClaimObservation observe(PersistentVolumeClaim claim) {
    Map<String, String> labels =
        Optional.ofNullable(claim.getMetadata().getLabels()).orElse(Map.of());
    Map<String, String> annotations =
        Optional.ofNullable(claim.getMetadata().getAnnotations()).orElse(Map.of());
    return new ClaimObservation(
        claim.getMetadata().getName(),
        Optional.ofNullable(labels.get(DataSafetyLabels.STORAGE)),
        Optional.ofNullable(annotations.get(DataSafetyLabels.RESTORED_FROM)),
        Optional.ofNullable(annotations.get(DataSafetyLabels.FAILED_REVISION)),
        Optional.ofNullable(annotations.get(DataSafetyLabels.REPLACES)),
        DataSafetyLabels.MIGRATED.equals(labels.get(DataSafetyLabels.DATA)),
        Optional.ofNullable(claim.getMetadata().getCreationTimestamp())
            .map(Instant::parse)
            .orElse(Instant.EPOCH));
  }
}
