package io.stackpilot.config;

import io.stackpilot.api.RollbackPolicy;
import java.time.Duration;

/** Effective recovery settings of a service, with durations parsed. */
public record RecoverySettings(
    RollbackPolicy rollback,
    Duration failureWindow,
    Duration progressDeadline,
    int maxRestarts,
    Duration restartWindow) {}
