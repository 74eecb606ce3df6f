package io.stackpilot.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one revision of a service from its Deployment and its pods, as a person reading kubectl
 * output would: a crash loop, an image that cannot be pulled, a container that cannot be created,
 * that was killed for memory or that stopped passing its readiness check, or a rollout past its
 * deadline is unhealthy; every desired pod ready on the revision is healthy; anything else is still
 * progressing. Pure and instantaneous: how long a revision may stay unhealthy is for the recovery
 * decision to judge.
 */
public final class HealthAssessor {

  /** Waiting reasons a kubelet gives for containers that will not start by themselves. */
  static final Set<String> FAULT_WAITING_REASONS =
      Set.of(
          "CrashLoopBackOff",
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  /**
   * A container that passed its readiness check and fails it now: the app stopped answering while
   * it runs. The kubelet takes it out of its Service but replaces it only if liveness fails too.
   */
  static final String READINESS_LOST = "ReadinessLost";

  /**
   * The namespace's Pod Security level refuses the revision's pods: nothing but a change of spec
   * (or of the namespace) lets them start, so the revision fails at once, and a new one is rolled
   * back. Without this it would wait for its progress deadline, which includes the startup budget
   * (an hour by default), with the reason only in the ReplicaSet's events. A refusal that passes by
   * itself (a quota full for now) leaves the revision progressing, with the refusal in its message:
   * restarting or rolling back would not make room.
   */
  static final String PODS_REFUSED = "PodsRefused";

  private HealthAssessor() {}

  public static HealthAssessment assess(
      String revision, DeploymentObservation deployment, List<PodObservation> pods) {
    boolean deploymentRunsRevision = revision.equals(deployment.revision());
    List<PodObservation> ofRevision =
        pods.stream()
            .filter(p -> revision.equals(p.revision()) && !p.terminating())
            // Pods from before a restart of the revision are on their way out: only the restarted
            // ones speak for it. Judged on the old ones, a restart the cluster is slow to carry out
            // would look like one that failed, and be repeated until the restart budget is spent.
            .filter(
                p -> !deploymentRunsRevision || p.restartedAt().equals(deployment.restartedAt()))
            .toList();

    Map<String, List<String>> faults = new LinkedHashMap<>();
    for (PodObservation pod : ofRevision) {
      for (ContainerObservation container : pod.containers()) {
        fault(container)
            .ifPresent(
                reason -> faults.computeIfAbsent(reason, r -> new ArrayList<>()).add(pod.name()));
      }
    }
    if (!faults.isEmpty()) {
      var first = faults.entrySet().iterator().next();
      List<String> allPods =
          faults.values().stream().flatMap(List::stream).distinct().sorted().toList();
      return new HealthAssessment(
          HealthVerdict.UNHEALTHY,
          first.getKey(),
          "Revision "
              + revision
              + ": "
              + first.getKey()
              + " in pod(s) "
              + String.join(", ", first.getValue()),
          allPods);
    }
    if (deploymentRunsRevision && RefusedPods.byPodSecurity(deployment.podsRefused())) {
      return new HealthAssessment(
          HealthVerdict.UNHEALTHY,
          PODS_REFUSED,
          "Revision " + revision + ": " + RefusedPods.explain(deployment.podsRefused()),
          List.of());
    }
    if (deploymentRunsRevision && deployment.progressDeadlineExceeded()) {
      return new HealthAssessment(
          HealthVerdict.UNHEALTHY,
          "ProgressDeadlineExceeded",
          "Revision "
              + revision
              + " did not become ready within its progress deadline ("
              + deployment.readyReplicas()
              + "/"
              + deployment.desiredReplicas()
              + " ready)",
          ofRevision.stream().filter(p -> !p.ready()).map(PodObservation::name).sorted().toList());
    }
    long readyOnRevision = ofRevision.stream().filter(PodObservation::ready).count();
    if (deploymentRunsRevision
        && deployment.rolledOut()
        && readyOnRevision >= deployment.desiredReplicas()) {
      return HealthAssessment.healthy(
          "Revision "
              + revision
              + ": "
              + readyOnRevision
              + "/"
              + deployment.desiredReplicas()
              + " pods ready");
    }
    return HealthAssessment.progressing(
        "Revision "
            + revision
            + ": "
            + readyOnRevision
            + "/"
            + deployment.desiredReplicas()
            + " pods ready"
            + (deploymentRunsRevision && !deployment.podsRefused().isEmpty()
                ? "; " + RefusedPods.explain(deployment.podsRefused())
                : ""));
  }

  /**
   * The reason a container is broken, if it is: the waiting reason, OOMKilled when it keeps being
   * killed, or ReadinessLost.
   */
  private static Optional<String> fault(ContainerObservation container) {
    if (container.waitingReason().filter(FAULT_WAITING_REASONS::contains).isPresent()) {
      if (container.lastTerminationReason().filter("OOMKilled"::equals).isPresent()) {
        return Optional.of("OOMKilled");
      }
      return container.waitingReason();
    }
    if (container.readinessLost()) {
      return Optional.of(READINESS_LOST);
    }
    if (!container.ready()
        && container.restartCount() > 0
        && container.lastTerminationReason().filter("OOMKilled"::equals).isPresent()) {
      return Optional.of("OOMKilled");
    }
    return Optional.empty();
  }
}
