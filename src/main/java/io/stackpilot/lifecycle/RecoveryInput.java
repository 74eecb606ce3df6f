package io.stackpilot.lifecycle;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.config.RecoverySettings;
import io.stackpilot.health.HealthAssessment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a recovery decision is made from: the revision the spec asks for, the one that is live and
 * how it is doing, what status remembers (last healthy revision, quarantine, recovery state), which
 * revisions the history can restore exactly, the settings, a retry request and the time.
 */
public record RecoveryInput(
    DesiredRevision desired,
    Optional<String> liveRevision,
    Optional<String> liveImage,
    HealthAssessment liveHealth,
    Optional<String> lastHealthyRevision,
    List<QuarantinedRevision> quarantine,
    RecoveryState state,
    Set<String> restorableRevisions,
    RecoverySettings settings,
    Optional<String> retryRequest,
    Instant now) {}
