package io.stackpilot.health;

import java.util.Optional;

/** What a container's status says: why it waits, why it last stopped, how often it restarted. */
public record ContainerObservation(
    String name,
    boolean ready,
    int restartCount,
    Optional<String> waitingReason,
    Optional<String> lastTerminationReason) {}
