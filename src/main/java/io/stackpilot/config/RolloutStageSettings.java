package io.stackpilot.config;

import java.time.Duration;

/** One effective stage of a beta rollout. */
public record RolloutStageSettings(String name, int percent, Duration soak) {}
