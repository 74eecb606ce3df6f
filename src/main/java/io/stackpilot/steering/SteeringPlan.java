package io.stackpilot.steering;

import java.util.Optional;

/**
 * What a steering command does: one annotation change, or a refusal saying why there is nothing to
 * do.
 */
public record SteeringPlan(Optional<AnnotationChange> change, Optional<String> refusal) {

  static SteeringPlan change(AnnotationChange change) {
    return new SteeringPlan(Optional.of(change), Optional.empty());
  }

  static SteeringPlan refused(String why) {
    return new SteeringPlan(Optional.empty(), Optional.of(why));
  }
}
