package io.stackpilot.datasafety;

import io.stackpilot.api.StorageSpec;
import io.stackpilot.config.Layer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Snapshots before upgrade are on by default wherever the cluster can take them: a volume that
 * leaves {@code snapshotBeforeUpgrade} unset is snapshotted when the cluster marks a
 * VolumeSnapshotClass the default for its claim's CSI driver, as the snapshot controller itself
 * would choose. {@code false} turns them off; {@code true} insists, and then a class named by the
 * volume or the stack wins over the driver's default.
 *
 * <p>An automatic choice is made from the claim as the cluster provisioned it, so it is known by
 * the first upgrade: a service's first revision has nothing to protect yet.
 */
public final class SnapshotDefaults {

  private SnapshotDefaults() {}

  /**
   * @param volume the layered storage item: its class filled from the stack unless snapshots are
   *     turned off
   * @param classLayer the layer that named its class, when one did
   * @param driver the CSI driver of the claim it mounts, when the cluster has said
   * @param classes the cluster's VolumeSnapshotClasses; empty without the snapshot API
   */
  public static SnapshotChoice choose(
      StorageSpec volume,
      Optional<Layer> classLayer,
      Optional<String> driver,
      Optional<List<SnapshotClassInfo>> classes) {
    Boolean asked = volume.getSnapshotBeforeUpgrade();
    if (Boolean.FALSE.equals(asked)) {
      return SnapshotChoice.off("Off: snapshotBeforeUpgrade is false");
    }
    boolean insisted = Boolean.TRUE.equals(asked);
    Optional<String> named =
        Optional.ofNullable(volume.getVolumeSnapshotClassName()).filter(c -> !c.isBlank());
    String namedBy = classLayer.map(Layer::label).orElse(Layer.SERVICE.label());
    boolean ownClass = named.isPresent() && classLayer.orElse(Layer.SERVICE) == Layer.SERVICE;
    if (named.isPresent() && (insisted || ownClass)) {
      return named(named.get(), namedBy);
    }
    if (!insisted && classes.isEmpty()) {
      return SnapshotChoice.off(
          "Off: this cluster has no snapshot API (snapshot.storage.k8s.io/v1); install it to have"
              + " upgrades snapshotted");
    }
    if (driver.isEmpty()) {
      return insisted
          ? SnapshotChoice.onWithoutClass(
              "On: no class named; the snapshot controller uses the default class of the claim's"
                  + " driver")
          : SnapshotChoice.off(
              "Off until the claim is provisioned: its CSI driver decides the default"
                  + " VolumeSnapshotClass");
    }
    List<SnapshotClassInfo> known = classes.orElse(List.of());
    if (named.isPresent() && driverMatches(known, named.get(), driver.get())) {
      return named(named.get(), namedBy);
    }
    List<SnapshotClassInfo> defaults =
        known.stream()
            .filter(c -> c.clusterDefault() && driver.get().equals(c.driver()))
            .sorted(Comparator.comparing(SnapshotClassInfo::name))
            .toList();
    if (defaults.size() == 1) {
      String name = defaults.get(0).name();
      return SnapshotChoice.on(
          name,
          "On: VolumeSnapshotClass "
              + name
              + ", the cluster's default for driver "
              + driver.get()
              + (insisted ? "" : " (set snapshotBeforeUpgrade: false to turn it off)"));
    }
    String fix =
        defaults.isEmpty()
            ? "no VolumeSnapshotClass is marked default for driver " + driver.get()
            : defaults.size()
                + " VolumeSnapshotClasses are marked default for driver "
                + driver.get()
                + " ("
                + String.join(", ", defaults.stream().map(SnapshotClassInfo::name).toList())
                + "), and the snapshot controller takes none of them";
    if (insisted) {
      return SnapshotChoice.onWithoutClass(
          "On, but "
              + fix
              + ": name one with volumeSnapshotClassName, or mark one with "
              + SnapshotClassInfo.DEFAULT_ANNOTATION
              + ": \"true\"");
    }
    return SnapshotChoice.off(
        "Off: "
            + fix
            + "; mark one with "
            + SnapshotClassInfo.DEFAULT_ANNOTATION
            + ": \"true\", or set snapshotBeforeUpgrade: true and volumeSnapshotClassName");
  }

  private static SnapshotChoice named(String snapshotClass, String namedBy) {
    return SnapshotChoice.on(
        snapshotClass, "On: VolumeSnapshotClass " + snapshotClass + ", named by the " + namedBy);
  }

  private static boolean driverMatches(
      List<SnapshotClassInfo> classes, String name, String driver) {
    return classes.stream().anyMatch(c -> c.name().equals(name) && driver.equals(c.driver()));
  }
}
