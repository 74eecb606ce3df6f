package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotRetentionTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void keepsTheNewestNPerClaimAndDeletesTheRest() {
    List<SnapshotObservation> snapshots =
        List.of(
            ours("a-pre-1", "a", 1),
            ours("a-pre-2", "a", 2),
            ours("a-pre-3", "a", 3),
            ours("a-pre-4", "a", 4),
            ours("b-pre-1", "b", 1),
            ours("b-pre-2", "b", 2));
    assertThat(SnapshotRetention.toDelete(snapshots, Map.of("a", 3, "b", 3)))
        .extracting(SnapshotObservation::name)
        .containsExactly("a-pre-1");
    assertThat(SnapshotRetention.toDelete(snapshots, Map.of("a", 2, "b", 1)))
        .extracting(SnapshotObservation::name)
        .containsExactly("a-pre-1", "a-pre-2", "b-pre-1");
  }

  @Test
  void neverDeletesASnapshotItDidNotMakeNorCountsIt() {
    SnapshotObservation mine =
        new SnapshotObservation(
            "my-backup",
            "a",
            Optional.empty(),
            Optional.empty(),
            false,
            true,
            Optional.empty(),
            T0.plusSeconds(100));
    List<SnapshotObservation> snapshots =
        List.of(mine, ours("a-pre-1", "a", 1), ours("a-pre-2", "a", 2));
    assertThat(SnapshotRetention.toDelete(snapshots, Map.of("a", 1)))
        .extracting(SnapshotObservation::name)
        .containsExactly("a-pre-1");
  }

  @Test
  void keepsAtLeastOneAndLeavesClaimsItDoesNotLookAfter() {
    List<SnapshotObservation> snapshots =
        List.of(ours("a-pre-1", "a", 1), ours("old-pre-1", "old", 1), ours("old-pre-2", "old", 2));
    assertThat(SnapshotRetention.toDelete(snapshots, Map.of("a", 0))).isEmpty();
  }

  private static SnapshotObservation ours(String name, String claim, int minute) {
    return new SnapshotObservation(
        name,
        claim,
        Optional.of("config"),
        Optional.of("r" + minute),
        true,
        true,
        Optional.empty(),
        T0.plusSeconds(60L * minute));
  }
}
