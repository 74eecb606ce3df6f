package io.stackpilot.devcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.stackpilot.datasafety.SnapshotClassInfo;
import java.util.List;

/**
 * The CSI snapshot API as the tests' snapshotters (the stand-in and the real driver) use it: its
 * resources, its CRDs, and a VolumeSnapshotClass.
 */
public final class SnapshotApi {

  public static final ResourceDefinitionContext SNAPSHOTS =
      context("VolumeSnapshot", "volumesnapshots", true);
  public static final ResourceDefinitionContext CLASSES =
      context("VolumeSnapshotClass", "volumesnapshotclasses", false);
  public static final ResourceDefinitionContext CONTENTS =
      context("VolumeSnapshotContent", "volumesnapshotcontents", false);

  /** The CRDs that serve it, by name. */
  public static final List<String> CRDS =
      List.of(
          "volumesnapshotclasses.snapshot.storage.k8s.io",
          "volumesnapshotcontents.snapshot.storage.k8s.io",
          "volumesnapshots.snapshot.storage.k8s.io");

  private SnapshotApi() {}

  /**
   * A VolumeSnapshotClass of the driver whose snapshots are deleted with their VolumeSnapshot, not
   * the driver's default: only the services that name it are snapshotted.
   */
  public static GenericKubernetesResource snapshotClass(String name, String driver) {
    return snapshotClass(name, driver, false);
  }

  /**
   * The same, marked the driver's default as a cluster's administrator marks the class of its
   * storage: every volume of the driver is then snapshotted unless its spec turns that off.
   */
  public static GenericKubernetesResource defaultSnapshotClass(String name, String driver) {
    return snapshotClass(name, driver, true);
  }

  private static GenericKubernetesResource snapshotClass(
      String name, String driver, boolean clusterDefault) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("snapshot.storage.k8s.io/v1")
        .withKind("VolumeSnapshotClass")
        .withNewMetadata()
        .withName(name)
        .addToAnnotations(SnapshotClassInfo.DEFAULT_ANNOTATION, Boolean.toString(clusterDefault))
        .endMetadata()
        .addToAdditionalProperties("driver", driver)
        .addToAdditionalProperties("deletionPolicy", "Delete")
        .build();
  }

  private static ResourceDefinitionContext context(String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("snapshot.storage.k8s.io")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
