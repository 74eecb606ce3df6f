package io.stackpilot.datasafety;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which claim a storage item mounts: the newest claim a data rollback restored for it and no later
 * restore replaced, else the claim rendered from the spec. Read from the claims themselves, so the
 * answer survives an operator restart and a lost status.
 */
public final class ActiveClaims {

  private ActiveClaims() {}

  /**
   * The restored claim the item mounts instead of its rendered one, if a data rollback made one.
   */
  public static Optional<ClaimObservation> restored(String storage, List<ClaimObservation> claims) {
    return claims.stream()
        .filter(c -> c.storage().filter(storage::equals).isPresent())
        .filter(c -> c.restoredFrom().isPresent() && !c.migrated())
        .max(
            Comparator.comparing(ClaimObservation::createdAt)
                .thenComparing(ClaimObservation::name));
  }

  /** The claim the item mounts: {@code rendered} unless a data rollback replaced it. */
  public static String of(String storage, String rendered, List<ClaimObservation> claims) {
    return restored(storage, claims).map(ClaimObservation::name).orElse(rendered);
  }
}
