package io.stackpilot.validation;

import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.datasafety.SnapshotClassInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A volume that asks for a snapshot before every upgrade needs the snapshot API and a
 * VolumeSnapshotClass: one that exists when it is named, else a default one. Without them the
 * upgrade could only wait forever, so the spec is rejected up front, and nothing that runs is
 * touched. A volume that leaves snapshots to the defaults is checked only when it names a class of
 * its own; else whether it is snapshotted is the cluster's answer, shown in status.
 */
final class SnapshotChecks {

  private SnapshotChecks() {}

  static void snapshotsPossible(
      StackService service, StackLayer stack, ClusterFacts facts, Findings findings) {
    if (!facts.snapshotApiKnown()) {
      return;
    }
    List<StorageSpec> storage = Nulls.list(service.serviceSpec().getStorage());
    for (int i = 0; i < storage.size(); i++) {
      StorageSpec volume = storage.get(i);
      boolean insisted = Boolean.TRUE.equals(volume.getSnapshotBeforeUpgrade());
      // Naming a class of its own, a volume that leaves snapshots to the defaults asks for them.
      boolean ownClass = !Nulls.isBlank(volume.getVolumeSnapshotClassName());
      if (!insisted && !(volume.getSnapshotBeforeUpgrade() == null && ownClass)) {
        continue;
      }
      String field = "spec.storage[" + i + "].snapshotBeforeUpgrade";
      Optional<List<SnapshotClassInfo>> known = facts.snapshotClasses();
      if (known.isEmpty()) {
        findings.error(
            field,
            field
                + " asks for a VolumeSnapshot before every upgrade, but this cluster has no "
                + "snapshot.storage.k8s.io/v1 API: install the CSI snapshot CRDs and snapshot controller (and a CSI "
                + "driver that supports snapshots), or set snapshotBeforeUpgrade: false");
        continue;
      }
      Set<String> classes =
          known.get().stream().map(SnapshotClassInfo::name).collect(Collectors.toSet());
      String classField = "spec.storage[" + i + "].volumeSnapshotClassName";
      Optional<Setting<String>> snapshotClass =
          stack.effective(
              Nulls.isBlank(volume.getVolumeSnapshotClassName())
                  ? null
                  : volume.getVolumeSnapshotClassName(),
              classField,
              ServiceDefaults::getVolumeSnapshotClassName,
              "volumeSnapshotClassName",
              null);
      if (snapshotClass.isEmpty()) {
        continue; // the stack is not known yet; its own check reports that
      }
      String name = snapshotClass.get().value();
      if (Nulls.isBlank(name)) {
        if (known.get().stream().noneMatch(SnapshotClassInfo::clusterDefault)) {
          findings.error(
              field,
              field
                  + " needs a VolumeSnapshotClass: none is named, and the cluster marks none the default"
                  + " of a driver: set "
                  + classField
                  + ", or volumeSnapshotClassName in the stack's defaults, or mark a class with "
                  + SnapshotClassInfo.DEFAULT_ANNOTATION
                  + ": \"true\""
                  + available(classes));
        }
      } else if (!classes.contains(name)) {
        findings.error(
            snapshotClass.get().own() ? classField : field,
            "VolumeSnapshotClass "
                + name
                + " (set by "
                + snapshotClass.get().source()
                + ") does not exist: create it, or name one that exists"
                + available(classes));
      }
    }
  }

  private static String available(Set<String> classes) {
    return classes.isEmpty()
        ? " (the cluster has none)"
        : " (the cluster has " + String.join(", ", new TreeSet<>(classes)) + ")";
  }
}
