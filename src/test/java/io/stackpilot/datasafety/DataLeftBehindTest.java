package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.VolumeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the status says about data a rolled-back upgrade left in claims nobody restored. */
class DataLeftBehindTest {

  @Test
  void aClaimThatWasNotRestoredIsNamedWithTheSnapshotFromBeforeTheUpgrade() {
    String message =
        DataLeftBehind.after(List.of(volume("data", "ledger-data")), "03b01c4ce3").get();

    assertThat(message)
        .contains("claim ledger-data (storage data)")
        .contains("revision 03b01c4ce3 left it")
        .contains("restoreOnRollback is off")
        .contains("VolumeSnapshot ledger-data-pre-03b01c4ce3");
  }

  @Test
  void aClaimRestoredAfterThatFailureIsNotNamed() {
    VolumeStatus restored = volume("data", "ledger-data-r84d973");
    restored.setRestoredFrom("ledger-data-pre-03b01c4ce3");
    restored.setFailedRevision("03b01c4ce3");

    assertThat(DataLeftBehind.after(List.of(restored), "03b01c4ce3")).isEmpty();
  }

  @Test
  void aClaimRestoredAfterAnEarlierFailureIsNamedForThisOne() {
    VolumeStatus restoredBefore = volume("data", "ledger-data-r84d973");
    restoredBefore.setRestoredFrom("ledger-data-pre-aaaaaaaaaa");
    restoredBefore.setFailedRevision("aaaaaaaaaa");

    assertThat(DataLeftBehind.after(List.of(restoredBefore), "03b01c4ce3"))
        .hasValueSatisfying(
            m -> assertThat(m).contains("VolumeSnapshot ledger-data-r84d973-pre-03b01c4ce3"));
  }

  @Test
  void everyClaimLeftBehindIsNamed() {
    String message =
        DataLeftBehind.after(List.of(volume("config", "app-config"), volume("db", "app-db")), "r2")
            .get();

    assertThat(message).contains("claim app-config").contains("claim app-db");
  }

  @Test
  void noProtectedVolumesSayNothing() {
    assertThat(DataLeftBehind.after(List.of(), "r2")).isEmpty();
  }

  private static VolumeStatus volume(String name, String claim) {
    VolumeStatus volume = new VolumeStatus();
    volume.setName(name);
    volume.setClaim(claim);
    return volume;
  }
}
