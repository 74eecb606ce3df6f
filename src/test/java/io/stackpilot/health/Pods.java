package io.stackpilot.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pods as the assessor sees them, built one trait at a time: {@code pod("app-1",
 * REV).crashLooping()}.
 */
final class Pods {

  private final String name;
  private final String revision;
  private boolean terminating;
  private String restartedAt = "";
  private final List<ContainerObservation> containers = new ArrayList<>();

  private Pods(String name, String revision) {
    this.name = name;
    this.revision = revision;
  }

  static Pods pod(String name, String revision) {
    return new Pods(name, revision);
  }

  /** The app container is running and ready. */
  PodObservation ready() {
    return with(running("app")).build(true);
  }

  /** The app container is running but not ready yet. */
  PodObservation starting() {
    return with(new ContainerObservation("app", false, 0, Optional.empty(), Optional.empty()))
        .build(false);
  }

  /** The app container runs, passed its readiness check once, and fails it now. */
  PodObservation readinessLost() {
    return with(new ContainerObservation("app", false, 0, Optional.empty(), Optional.empty(), true))
        .build(false);
  }

  /** The app container waits for this reason (CrashLoopBackOff, ErrImagePull, ...). */
  PodObservation waiting(String reason) {
    return with(waitingContainer("app", reason, Optional.empty())).build(false);
  }

  PodObservation crashLooping() {
    return waiting("CrashLoopBackOff");
  }

  Pods terminating() {
    this.terminating = true;
    return this;
  }

  /** Created for the restart of its revision made at this moment. */
  Pods restartedAt(String at) {
    this.restartedAt = at;
    return this;
  }

  Pods with(ContainerObservation container) {
    containers.add(container);
    return this;
  }

  PodObservation build(boolean ready) {
    return new PodObservation(
        name, revision, ready, terminating, List.copyOf(containers), restartedAt);
  }

  static ContainerObservation running(String name) {
    return new ContainerObservation(name, true, 0, Optional.empty(), Optional.empty());
  }

  static ContainerObservation waitingContainer(
      String name, String reason, Optional<String> lastTermination) {
    return new ContainerObservation(name, false, 3, Optional.of(reason), lastTermination);
  }
}
