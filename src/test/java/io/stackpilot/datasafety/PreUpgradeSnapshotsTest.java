package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.datasafety.SnapshotGate.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreUpgradeSnapshotsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final ProtectedVolume CONFIG =
      new ProtectedVolume("config", "sonarr-config", Optional.of("csi"), true, 3);
  private static final ProtectedVolume DB =
      new ProtectedVolume("db", "sonarr-db", Optional.of("csi"), false, 3);

  @Test
  void aSingleWriterServiceIsStoppedBeforeAnySnapshotIsTaken() {
    SnapshotGate gate = decide(List.of(CONFIG), true, 1, List.of());
    assertThat(gate.step()).isEqualTo(Step.STOP_RUNNING_PODS);
    assertThat(gate.toCreate()).isEmpty();
    assertThat(gate.message()).contains("Stopping sonarr", "consistent", "1 pod(s)");
  }

  @Test
  void onceStoppedEachClaimGetsOneSnapshotNamedAfterItAndTheRevision() {
    SnapshotGate gate = decide(List.of(CONFIG, DB), true, 0, List.of());
    assertThat(gate.step()).isEqualTo(Step.WAIT);
    assertThat(gate.toCreate())
        .extracting(SnapshotGate.PlannedSnapshot::name)
        .containsExactly("sonarr-config-pre-rev2", "sonarr-db-pre-rev2");
    assertThat(gate.toCreate().get(0))
        .isEqualTo(
            new SnapshotGate.PlannedSnapshot(
                "sonarr-config-pre-rev2", "sonarr-config", "config", "rev2", "csi"));
    assertThat(gate.wakeAt()).contains(NOW.plus(PreUpgradeSnapshots.POLL));
  }

  @Test
  void aServiceThatNeedNotStopIsSnapshottedWhileItRuns() {
    SnapshotGate gate = decide(List.of(CONFIG), false, 3, List.of());
    assertThat(gate.step()).isEqualTo(Step.WAIT);
    assertThat(gate.toCreate()).hasSize(1);
  }

  @Test
  void aSnapshotAlreadyAskedForIsNotAskedForAgainAndPodsAreNotStoppedAgain() {
    // A restarted operator finds the pending snapshot by name: no second snapshot, no second stop.
    SnapshotGate gate =
        decide(
            List.of(CONFIG),
            true,
            1,
            List.of(pending("sonarr-config-pre-rev2", NOW.minusSeconds(10))));
    assertThat(gate.step()).isEqualTo(Step.WAIT);
    assertThat(gate.toCreate()).isEmpty();
    assertThat(gate.message()).contains("sonarr-config-pre-rev2", "readyToUse", "rev2");
  }

  @Test
  void theGateOpensOnlyWhenEverySnapshotIsReady() {
    SnapshotGate half =
        decide(
            List.of(CONFIG, DB),
            true,
            0,
            List.of(
                ready("sonarr-config-pre-rev2"),
                pending("sonarr-db-pre-rev2", NOW.minusSeconds(1))));
    assertThat(half.open()).isFalse();
    SnapshotGate all =
        decide(
            List.of(CONFIG, DB),
            true,
            0,
            List.of(ready("sonarr-config-pre-rev2"), ready("sonarr-db-pre-rev2")));
    assertThat(all.open()).isTrue();
    assertThat(all.toCreate()).isEmpty();
  }

  @Test
  void snapshotsOfOtherRevisionsDoNotCount() {
    SnapshotGate gate = decide(List.of(CONFIG), false, 1, List.of(ready("sonarr-config-pre-rev1")));
    assertThat(gate.step()).isEqualTo(Step.WAIT);
    assertThat(gate.toCreate())
        .extracting(SnapshotGate.PlannedSnapshot::name)
        .containsExactly("sonarr-config-pre-rev2");
  }

  @Test
  void aSnapshotErrorBlocksTheUpgradeAndSaysHowToRetry() {
    SnapshotObservation failed =
        new SnapshotObservation(
            "sonarr-config-pre-rev2",
            "sonarr-config",
            Optional.of("config"),
            Optional.of("rev2"),
            true,
            false,
            Optional.of("driver does not support snapshots"),
            NOW.minusSeconds(5));
    SnapshotGate gate = decide(List.of(CONFIG), true, 0, List.of(failed));
    assertThat(gate.step()).isEqualTo(Step.BLOCKED);
    assertThat(gate.message())
        .contains(
            "driver does not support snapshots",
            "running revision keeps running",
            "delete VolumeSnapshot sonarr-config-pre-rev2");
    assertThat(gate.wakeAt()).isEmpty();
  }

  @Test
  void aSnapshotNotReadyWithinTheTimeoutBlocksTheUpgrade() {
    SnapshotGate justInTime =
        decide(
            List.of(CONFIG),
            true,
            0,
            List.of(pending("sonarr-config-pre-rev2", NOW.minus(TIMEOUT).plusSeconds(1))));
    assertThat(justInTime.step()).isEqualTo(Step.WAIT);
    assertThat(justInTime.wakeAt()).contains(NOW.plusSeconds(1));
    SnapshotGate late =
        decide(
            List.of(CONFIG),
            true,
            0,
            List.of(pending("sonarr-config-pre-rev2", NOW.minus(TIMEOUT))));
    assertThat(late.step()).isEqualTo(Step.BLOCKED);
    assertThat(late.message()).contains("not readyToUse after 300 s");
  }

  @Test
  void aSnapshotOfAClassTheSpecNoLongerNamesIsReplacedUnlessItIsReady() {
    SnapshotObservation wrongClass =
        ofClass(false, NOW.minus(TIMEOUT).minusSeconds(60), "unserved", Optional.empty());
    SnapshotGate replace = decide(List.of(CONFIG), true, 1, List.of(wrongClass));
    assertThat(replace.step()).isEqualTo(Step.WAIT);
    assertThat(replace.toReplace()).containsExactly("sonarr-config-pre-rev2");
    assertThat(replace.toCreate()).isEmpty();
    assertThat(replace.message()).contains("Replacing VolumeSnapshot sonarr-config-pre-rev2");

    SnapshotObservation going =
        ofClass(
            false,
            NOW.minus(TIMEOUT).minusSeconds(60),
            "unserved",
            Optional.of(NOW.minusSeconds(10)));
    SnapshotGate waitForIt = decide(List.of(CONFIG), true, 1, List.of(going));
    assertThat(waitForIt.step()).as("its own deadline while it goes").isEqualTo(Step.WAIT);
    assertThat(waitForIt.toReplace()).isEmpty();
    assertThat(waitForIt.toCreate()).isEmpty();
    assertThat(waitForIt.message()).contains("to be deleted before it is taken again");

    SnapshotObservation stuck =
        ofClass(
            false,
            NOW.minus(TIMEOUT).minusSeconds(60),
            "unserved",
            Optional.of(NOW.minus(TIMEOUT)));
    SnapshotGate blocked = decide(List.of(CONFIG), true, 0, List.of(stuck));
    assertThat(blocked.step()).isEqualTo(Step.BLOCKED);
    assertThat(blocked.message())
        .contains("still there", "snapshotter of its class unserved", "remove the finalizers");

    SnapshotObservation readyOfTheOldClass =
        ofClass(true, NOW.minusSeconds(60), "unserved", Optional.empty());
    assertThat(decide(List.of(CONFIG), true, 0, List.of(readyOfTheOldClass)).step())
        .isEqualTo(Step.OPEN);

    SnapshotObservation sameClass = ofClass(false, NOW.minus(TIMEOUT), "csi", Optional.empty());
    assertThat(decide(List.of(CONFIG), true, 0, List.of(sameClass)).step()).isEqualTo(Step.BLOCKED);
  }

  private static SnapshotGate decide(
      List<ProtectedVolume> volumes,
      boolean stopFirst,
      int pods,
      List<SnapshotObservation> existing) {
    return PreUpgradeSnapshots.decide(
        "sonarr", "rev2", volumes, stopFirst, pods, existing, TIMEOUT, NOW);
  }

  /** Stackpilot's snapshot before rev2 of sonarr-config, asked of a class. */
  private static SnapshotObservation ofClass(
      boolean ready, Instant created, String snapshotClass, Optional<Instant> deletedAt) {
    return new SnapshotObservation(
        "sonarr-config-pre-rev2",
        "sonarr-config",
        Optional.of("config"),
        Optional.of("rev2"),
        true,
        ready,
        Optional.empty(),
        created,
        Optional.of(snapshotClass),
        deletedAt);
  }

  static SnapshotObservation ready(String name) {
    return new SnapshotObservation(
        name,
        claimOf(name),
        Optional.of("config"),
        Optional.of(revisionOf(name)),
        true,
        true,
        Optional.empty(),
        NOW.minusSeconds(30));
  }

  static SnapshotObservation pending(String name, Instant created) {
    return new SnapshotObservation(
        name,
        claimOf(name),
        Optional.of("config"),
        Optional.of(revisionOf(name)),
        true,
        false,
        Optional.empty(),
        created);
  }

  private static String claimOf(String name) {
    return name.substring(0, name.indexOf("-pre-"));
  }

  private static String revisionOf(String name) {
    return name.substring(name.indexOf("-pre-") + 5);
  }
}
