package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataRestoreTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final ProtectedVolume RESTORING =
      new ProtectedVolume("config", "sonarr-config", Optional.of("csi"), true, 3);
  private static final ProtectedVolume SNAPSHOT_ONLY =
      new ProtectedVolume("config", "sonarr-config", Optional.of("csi"), false, 3);
  private static final SnapshotObservation BEFORE_REV2 =
      new SnapshotObservation(
          "sonarr-config-pre-rev2",
          "sonarr-config",
          Optional.of("config"),
          Optional.of("rev2"),
          true,
          true,
          Optional.empty(),
          T0);
  private static final String RESTORED =
      SnapshotNames.restoredClaim("sonarr", "config", "sonarr-config-pre-rev2");

  @Test
  void whileTheFailedRevisionRunsItsPreUpgradeSnapshotIsRestoredIntoANewClaim() {
    DataRestore.Plan plan =
        DataRestore.plan(
            "sonarr",
            "rev2",
            Optional.of("rev2"),
            List.of(RESTORING),
            List.of(BEFORE_REV2),
            List.of(claim("sonarr-config")));
    assertThat(plan.restores())
        .containsExactly(
            new DataRestore.Restore(
                "config", "sonarr-config-pre-rev2", "sonarr-config", RESTORED, "rev2"));
    assertThat(RESTORED).startsWith("sonarr-config-r").isNotEqualTo("sonarr-config");
  }

  @Test
  void aRestoreAlreadyMadeIsKeptAfterTheRollback() {
    DataRestore.Plan plan =
        DataRestore.plan(
            "sonarr",
            "rev2",
            Optional.of("rev1"),
            List.of(RESTORING),
            List.of(BEFORE_REV2),
            List.of(claim("sonarr-config"), claim(RESTORED)));
    assertThat(plan.restores())
        .extracting(DataRestore.Restore::restoredClaim)
        .containsExactly(RESTORED);
  }

  @Test
  void aRollbackThatHappenedWithoutARestoreNeverBecomesALateOne() {
    DataRestore.Plan plan =
        DataRestore.plan(
            "sonarr",
            "rev2",
            Optional.of("rev1"),
            List.of(RESTORING),
            List.of(BEFORE_REV2),
            List.of(claim("sonarr-config")));
    assertThat(plan.restores()).isEmpty();
    assertThat(plan.withoutSnapshot()).isEmpty();
  }

  @Test
  void withoutRestoreOnRollbackTheDataStays() {
    DataRestore.Plan plan =
        DataRestore.plan(
            "sonarr",
            "rev2",
            Optional.of("rev2"),
            List.of(SNAPSHOT_ONLY),
            List.of(BEFORE_REV2),
            List.of(claim("sonarr-config")));
    assertThat(plan.restores()).isEmpty();
  }

  @Test
  void withoutAReadySnapshotOfThatUpgradeNothingIsRestoredAndThatIsSaid() {
    SnapshotObservation otherUpgrade =
        new SnapshotObservation(
            "sonarr-config-pre-rev1",
            "sonarr-config",
            Optional.of("config"),
            Optional.of("rev1"),
            true,
            true,
            Optional.empty(),
            T0);
    SnapshotObservation notReady =
        new SnapshotObservation(
            "sonarr-config-pre-rev2",
            "sonarr-config",
            Optional.of("config"),
            Optional.of("rev2"),
            true,
            false,
            Optional.empty(),
            T0);
    SnapshotObservation notOurs =
        new SnapshotObservation(
            "by-hand",
            "sonarr-config",
            Optional.of("config"),
            Optional.of("rev2"),
            false,
            true,
            Optional.empty(),
            T0);
    DataRestore.Plan plan =
        DataRestore.plan(
            "sonarr",
            "rev2",
            Optional.of("rev2"),
            List.of(RESTORING),
            List.of(otherUpgrade, notReady, notOurs),
            List.of(claim("sonarr-config")));
    assertThat(plan.restores()).isEmpty();
    assertThat(plan.withoutSnapshot()).containsExactly("config");
  }

  private static ClaimObservation claim(String name) {
    return new ClaimObservation(
        name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, T0);
  }
}
