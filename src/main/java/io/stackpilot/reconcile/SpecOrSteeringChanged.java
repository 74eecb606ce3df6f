package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which updates of a primary resource start a reconcile: a new generation (the spec changed), or
 * changed annotations or labels. Users steer through annotations (retry, pause, abort, promote) and
 * labels (what a security service protects), which do not change the generation, so
 * generation-aware processing alone would miss them; Stackpilot's own status writes change none of
 * the three and wake nothing.
 */
public final class SpecOrSteeringChanged implements OnUpdateFilter<HasMetadata> {

  @Override
  public boolean accept(HasMetadata previous, HasMetadata next) {
    return !Objects.equals(
            previous.getMetadata().getGeneration(), next.getMetadata().getGeneration())
        || !Objects.equals(
            previous.getMetadata().getAnnotations(), next.getMetadata().getAnnotations())
        || !Objects.equals(previous.getMetadata().getLabels(), next.getMetadata().getLabels());
  }
}
