package io.stackpilot.lifecycle;

import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.config.RolloutStageSettings;
import io.stackpilot.health.HealthAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a beta rollout step is decided from: the beta revision and its image, the stages and how
 * promotion works, the replicas and the mode, how beta is doing, what status remembers, the
 * annotations a user set (pause, abort, promote), and the time.
 */
public record RolloutInput(
    String betaRevision,
    String betaImage,
    List<RolloutStageSettings> stages,
    PromotionPolicy promotion,
    int replicas,
    RolloutMode mode,
    HealthAssessment betaHealth,
    Duration failureWindow,
    Optional<RolloutStatus> previous,
    List<QuarantinedRevision> quarantine,
    boolean pauseRequested,
    boolean abortRequested,
    Optional<String> promoteRequest,
    Instant now) {}
