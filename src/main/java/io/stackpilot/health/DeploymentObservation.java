package io.stackpilot.health;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Deployment of a service says about its rollout, as plain values: which revision and
 * image its template carries (and which restart of it, "" before the first), whether the controller
 * has seen that template yet, how many pods are updated, ready and available, and why the
 * controller could not create its pods, if it could not ("" when it could).
 */
public record DeploymentObservation(
    String revision,
    String image,
    String channel,
    long generation,
    long observedGeneration,
    int desiredReplicas,
    int updatedReplicas,
    int readyReplicas,
    int availableReplicas,
    boolean available,
    boolean progressDeadlineExceeded,
    String restartedAt,
    String podsRefused) {

  private static final String REVISION_LABEL = "stackpilot.io/revision";
  private static final String CHANNEL_ANNOTATION = "stackpilot.io/channel";

  /** A Deployment whose revision was never restarted. */
  public DeploymentObservation(
      String revision,
      String image,
      String channel,
      long generation,
      long observedGeneration,
      int desiredReplicas,
      int updatedReplicas,
      int readyReplicas,
      int availableReplicas,
      boolean available,
      boolean progressDeadlineExceeded) {
    this(
        revision,
        image,
        channel,
        generation,
        observedGeneration,
        desiredReplicas,
        updatedReplicas,
        readyReplicas,
        availableReplicas,
        available,
        progressDeadlineExceeded,
        "",
        "");
  }

  public static DeploymentObservation of(Deployment deployment) {
    DeploymentStatus status =
        Optional.ofNullable(deployment.getStatus()).orElseGet(DeploymentStatus::new);
    List<DeploymentCondition> conditions =
        Optional.ofNullable(status.getConditions()).orElse(List.of());
    Map<String, String> templateLabels =
        Optional.ofNullable(deployment.getSpec().getTemplate().getMetadata())
            .map(m -> m.getLabels())
            .orElse(Map.of());
    Map<String, String> annotations =
        Optional.ofNullable(deployment.getMetadata().getAnnotations()).orElse(Map.of());
    Map<String, String> templateAnnotations =
        Optional.ofNullable(deployment.getSpec().getTemplate().getMetadata())
            .map(m -> m.getAnnotations())
            .orElse(Map.of());
    return new DeploymentObservation(
        templateLabels.getOrDefault(REVISION_LABEL, ""),
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
        annotations.getOrDefault(CHANNEL_ANNOTATION, "stable"),
        orZero(deployment.getMetadata().getGeneration()),
        orZero(status.getObservedGeneration()),
        Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1),
        orZero(status.getUpdatedReplicas()),
        orZero(status.getReadyReplicas()),
        orZero(status.getAvailableReplicas()),
        conditions.stream()
            .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())),
        conditions.stream()
            .anyMatch(
                c ->
                    "Progressing".equals(c.getType())
                        && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason())),
        templateAnnotations.getOrDefault(PodObservation.RESTARTED_AT_ANNOTATION, ""),
        // The ReplicaSet controller reports a pod it may not create (Pod Security admission, a
        // quota) here and nowhere else: no pod exists to carry the reason.
        conditions.stream()
            .filter(c -> "ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus()))
            .map(c -> Optional.ofNullable(c.getMessage()).orElse(c.getReason()))
            .filter(message -> message != null)
            .findFirst()
            .orElse(""));
  }

  /**
   * The controller has acted on the current template and every desired pod runs it and is ready.
   */
  public boolean rolledOut() {
    return observedGeneration >= generation
        && updatedReplicas >= desiredReplicas
        && readyReplicas >= desiredReplicas
        && availableReplicas >= desiredReplicas;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
