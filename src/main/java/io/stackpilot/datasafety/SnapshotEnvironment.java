package io.stackpilot.datasafety;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster tells the snapshot defaults: its VolumeSnapshotClasses and the CSI driver behind
 * each claim the service mounts.
 *
 * @param classes the cluster's VolumeSnapshotClasses; empty when the snapshot API is not installed
 *     or could not be read
 * @param claimDrivers the provisioner of each claim, by claim name, as the claim names it (the
 *     annotation the volume controller sets once it knows the claim's StorageClass)
 */
public record SnapshotEnvironment(
    Optional<List<SnapshotClassInfo>> classes, Map<String, String> claimDrivers) {

  /** The annotation on a claim that names the driver provisioning it. */
  public static final String PROVISIONER_ANNOTATION = "volume.kubernetes.io/storage-provisioner";

  /** The annotation older clusters set instead. */
  public static final String BETA_PROVISIONER_ANNOTATION =
      "volume.beta.kubernetes.io/storage-provisioner";

  /** No snapshot API and no claims: every automatic choice is off. */
  public static final SnapshotEnvironment NONE =
      new SnapshotEnvironment(Optional.empty(), Map.of());

  public SnapshotEnvironment {
    classes = classes.map(List::copyOf);
    claimDrivers = Map.copyOf(claimDrivers);
  }

  /** The driver of a claim, when the cluster has said. */
  public Optional<String> driverOf(String claim) {
    return Optional.ofNullable(claimDrivers.get(claim));
  }

  /** The driver a claim's annotations name, either spelling. */
  public static Optional<String> driverFrom(Map<String, String> claimAnnotations) {
    if (claimAnnotations == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(claimAnnotations.get(PROVISIONER_ANNOTATION))
        .or(() -> Optional.ofNullable(claimAnnotations.get(BETA_PROVISIONER_ANNOTATION)))
        .filter(driver -> !driver.isBlank());
  }
}
