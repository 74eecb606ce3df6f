package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.health.PodObservation;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which updates of a rendered Deployment or pod wake their service: those that change what health
 * observes of it, or its metadata (labels and annotations, owners, deletion), or, for a Deployment,
 * its spec (someone edited it, which is taken back). The controller manager, the scheduler and the
 * kubelet update both many times in a rollout in ways health never reads (a condition's reason or
 * time, a pod's node or address), and each such update cost a whole reconcile.
 */
final class HealthChanged<R extends HasMetadata> implements OnUpdateFilter<R> {

  private final Function<R, Object> observation;

  private HealthChanged(Function<R, Object> observation) {
    this.observation = observation;
  }

  static HealthChanged<Deployment> ofDeployments() {
    return new HealthChanged<>(DeploymentObservation::of);
  }

  static HealthChanged<Pod> ofPods() {
    return new HealthChanged<>(PodObservation::of);
  }

  @Override
  public boolean accept(R next, R previous) {
    var before = previous.getMetadata();
    var after = next.getMetadata();
    return !Objects.equals(before.getGeneration(), after.getGeneration())
        || !Objects.equals(before.getLabels(), after.getLabels())
        || !Objects.equals(before.getAnnotations(), after.getAnnotations())
        || !Objects.equals(before.getOwnerReferences(), after.getOwnerReferences())
        || !Objects.equals(before.getDeletionTimestamp(), after.getDeletionTimestamp())
        || !observation.apply(previous).equals(observation.apply(next));
  }
}
