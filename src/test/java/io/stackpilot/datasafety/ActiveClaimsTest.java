package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActiveClaimsTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void withoutARestoreTheRenderedClaimIsMounted() {
    assertThat(ActiveClaims.of("config", "sonarr-config", List.of(plain("sonarr-config"))))
        .isEqualTo("sonarr-config");
  }

  @Test
  void theNewestRestoredClaimThatNoLaterRestoreReplacedIsMounted() {
    List<ClaimObservation> claims =
        List.of(
            plain("sonarr-config"),
            restored("sonarr-config-r1", "config", 1, true),
            restored("sonarr-config-r2", "config", 2, false),
            restored("other-r9", "db", 9, false));
    assertThat(ActiveClaims.of("config", "sonarr-config", claims)).isEqualTo("sonarr-config-r2");
    assertThat(ActiveClaims.of("db", "sonarr-db", claims)).isEqualTo("other-r9");
  }

  @Test
  void aMigratedRestoredClaimIsNeverMountedAgain() {
    List<ClaimObservation> claims =
        List.of(plain("sonarr-config"), restored("sonarr-config-r1", "config", 1, true));
    assertThat(ActiveClaims.of("config", "sonarr-config", claims)).isEqualTo("sonarr-config");
  }

  private static ClaimObservation plain(String name) {
    return new ClaimObservation(
        name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false, T0);
  }

  private static ClaimObservation restored(
      String name, String storage, int minute, boolean migrated) {
    return new ClaimObservation(
        name,
        Optional.of(storage),
        Optional.of("snap-" + minute),
        Optional.of("rev" + minute),
        Optional.of("sonarr-" + storage),
        migrated,
        T0.plusSeconds(60L * minute));
  }
}
