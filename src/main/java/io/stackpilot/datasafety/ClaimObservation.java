package io.stackpilot.datasafety;

import java.time.Instant;
import java.util.Optional;

/**
 * A claim of the service as data safety sees it.
 *
 * @param storage the storage item of a claim Stackpilot restored, from its label
 * @param restoredFrom the snapshot a restored claim was made from
 * @param failedRevision the revision whose failure led to the restore
 * @param replaces the claim a restored claim replaced
 * @param migrated whether a restore replaced this claim: it keeps the failed revision's data
 */
public record ClaimObservation(
    String name,
    Optional<String> storage,
    Optional<String> restoredFrom,
    Optional<String> failedRevision,
    Optional<String> replaces,
    boolean migrated,
    Instant createdAt) {}
