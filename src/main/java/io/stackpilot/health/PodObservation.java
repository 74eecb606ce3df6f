package io.stackpilot.health;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pod of a service as plain values: its revision, readiness and container states, and which
 * restart of the revision it was created for ("" before the first), from its template's annotation.
 */
public record PodObservation(
    String name,
    String revision,
    boolean ready,
    boolean terminating,
    List<ContainerObservation> containers,
    String restartedAt) {

  private static final String REVISION_LABEL = "stackpilot.io/revision";
  static final String RESTARTED_AT_ANNOTATION = "stackpilot.io/restartedAt";

  /** A pod of a revision that was never restarted. */
  public PodObservation(
      String name,
      String revision,
      boolean ready,
      boolean terminating,
      List<ContainerObservation> containers) {
    this(name, revision, ready, terminating, containers, "");
  }

  public static PodObservation of(Pod pod) {
    Map<String, String> labels =
        Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of());
    List<ContainerStatus> statuses =
        pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
            ? List.of()
            : pod.getStatus().getContainerStatuses();
    boolean ready =
        pod.getStatus() != null
            && pod.getStatus().getConditions() != null
            && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    Optional<Instant> containersUnreadySince =
        pod.getStatus() == null || pod.getStatus().getConditions() == null
            ? Optional.empty()
            : pod.getStatus().getConditions().stream()
                .filter(c -> "ContainersReady".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime)
                .filter(t -> t != null && !t.isBlank())
                .map(Instant::parse)
                .findFirst();
    return new PodObservation(
        pod.getMetadata().getName(),
        labels.getOrDefault(REVISION_LABEL, ""),
        ready,
        pod.getMetadata().getDeletionTimestamp() != null,
        statuses.stream().map(s -> container(s, containersUnreadySince)).toList(),
        Optional.ofNullable(pod.getMetadata().getAnnotations())
            .map(a -> a.get(RESTARTED_AT_ANNOTATION))
            .orElse(""));
  }

  /**
   * A running container lost its readiness when its pod's containers turned unready after it had
   * started: it passed its readiness check since it started, and fails it now. One that never
   * passed since it started is still starting; that includes a container the kubelet has just
   * restarted, whose pod turned unready before the restart.
   */
  private static ContainerObservation container(
      ContainerStatus status, Optional<Instant> containersUnreadySince) {
    Optional<Instant> runningSince =
        Optional.ofNullable(status.getState())
            .map(s -> s.getRunning())
            .map(r -> r.getStartedAt())
            .filter(t -> t != null && !t.isBlank())
            .map(Instant::parse);
    boolean readinessLost =
        !Boolean.TRUE.equals(status.getReady())
            && runningSince.isPresent()
            && containersUnreadySince.filter(t -> t.isAfter(runningSince.get())).isPresent();
    Optional<String> waiting =
        Optional.ofNullable(status.getState()).map(s -> s.getWaiting()).map(w -> w.getReason());
    Optional<String> lastTermination =
        Optional.ofNullable(status.getLastState())
            .map(s -> s.getTerminated())
            .map(t -> t.getReason());
    return new ContainerObservation(
        status.getName(),
        Boolean.TRUE.equals(status.getReady()),
        status.getRestartCount() == null ? 0 : status.getRestartCount(),
        waiting,
        lastTermination,
        readinessLost);
  }
}
