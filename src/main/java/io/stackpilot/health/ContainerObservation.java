package io.stackpilot.health;

import java.util.Optional;

/**
 * What a container's status says: why it waits, why it last stopped, how often it restarted, and
 * whether it passed its readiness check once and fails it now ({@code readinessLost}).
 */
public record ContainerObservation(
    String name,
    boolean ready,
    int restartCount,
    Optional<String> waitingReason,
    Optional<String> lastTerminationReason,
    boolean readinessLost) {

  /** A container that has not lost its readiness. */
  public ContainerObservation(
      String name,
      boolean ready,
      int restartCount,
      Optional<String> waitingReason,
      Optional<String> lastTerminationReason) {
    this(name, ready, restartCount, waitingReason, lastTerminationReason, false);
  }
}
