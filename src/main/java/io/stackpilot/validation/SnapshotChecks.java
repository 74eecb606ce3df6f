package io.stackpilot.validation;

import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A volume that asks for a snapshot before every upgrade needs the snapshot API and a
 * VolumeSnapshotClass that exists. Without them the upgrade could only wait forever, so the spec is
 * rejected up front, and nothing that runs is touched.
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
      if (!Boolean.TRUE.equals(volume.getSnapshotBeforeUpgrade())) {
        continue;
      }
      String field = "spec.storage[" + i + "].snapshotBeforeUpgrade";
      Optional<Set<String>> classes = facts.snapshotClasses();
      if (classes.isEmpty()) {
        findings.error(
            field,
            field
                + " asks for a VolumeSnapshot before every upgrade, but this cluster has no "
                + "snapshot.storage.k8s.io/v1 API: install the CSI snapshot CRDs and snapshot controller (and a CSI "
                + "driver that supports snapshots), or set snapshotBeforeUpgrade: false");
        continue;
      }
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
        findings.error(
            field,
            field
                + " needs a VolumeSnapshotClass, and none is named: set "
                + classField
                + ", or volumeSnapshotClassName in the stack's defaults"
                + available(classes.get()));
      } else if (!classes.get().contains(name)) {
        findings.error(
            snapshotClass.get().own() ? classField : field,
            "VolumeSnapshotClass "
                + name
                + " (set by "
                + snapshotClass.get().source()
                + ") does not exist: create it, or name one that exists"
                + available(classes.get()));
      }
    }
  }

  private static String available(Set<String> classes) {
    return classes.isEmpty()
        ? " (the cluster has none)"
        : " (the cluster has " + String.join(", ", new TreeSet<>(classes)) + ")";
  }
}
