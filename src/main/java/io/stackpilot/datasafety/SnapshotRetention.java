package io.stackpilot.datasafety;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which pre-upgrade snapshots to delete: per claim, all that Stackpilot made beyond the newest
 * {@code keep}. A snapshot Stackpilot did not make is never counted and never deleted.
 */
public final class SnapshotRetention {

  private SnapshotRetention() {}

  /**
   * @param keepPerClaim how many to keep for each claim (the volume's snapshotsToKeep)
   */
  public static List<SnapshotObservation> toDelete(
      List<SnapshotObservation> snapshots, Map<String, Integer> keepPerClaim) {
    return snapshots.stream()
        .filter(SnapshotObservation::managed)
        .filter(s -> keepPerClaim.containsKey(s.sourceClaim()))
        .collect(Collectors.groupingBy(SnapshotObservation::sourceClaim))
        .entrySet()
        .stream()
        .flatMap(
            entry ->
                entry.getValue().stream()
                    .sorted(
                        Comparator.comparing(SnapshotObservation::createdAt)
                            .reversed()
                            .thenComparing(SnapshotObservation::name))
                    .skip(Math.max(1, keepPerClaim.get(entry.getKey()))))
        .sorted(Comparator.comparing(SnapshotObservation::name))
        .toList();
  }
}
