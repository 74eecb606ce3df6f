package io.stackpilot.cli.steering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.stackpilot.api.StackService;
import io.stackpilot.steering.AnnotationChange;
import io.stackpilot.steering.GitOpsOwner;
import io.stackpilot.steering.SteeringAction;
import io.stackpilot.steering.SteeringPlan;
import io.stackpilot.steering.SteeringPlanner;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A command that steers a service through its annotation: it prints what it changed, or, on a
 * resource a GitOps tool applies, the annotation to commit instead of writing it.
 */
abstract class SteeringCommand extends ServiceCommand {

  // Writes the null that removes an annotation in a merge patch.
  private static final ObjectMapper JSON = new ObjectMapper();

  abstract SteeringAction action();

  Optional<String> revision() {
    return Optional.empty();
  }

  @Override
  int act(KubernetesClient client, StackService found, PrintWriter out, PrintWriter err) {
    String name = ServiceLookup.describe(found);
    Map<String, String> annotations =
        Optional.ofNullable(found.getMetadata().getAnnotations()).orElse(Map.of());
    SteeringPlan plan = SteeringPlanner.plan(action(), revision(), annotations, found.getStatus());
    if (plan.refusal().isPresent()) {
      err.println(name + ": " + plan.refusal().get());
      return 1;
    }
    AnnotationChange change = plan.change().orElseThrow();
    Optional<String> owner =
        GitOpsOwner.of(found.getMetadata().getLabels(), found.getMetadata().getAnnotations());
    if (owner.isPresent()) {
      out.println(name + " is applied by " + owner.get() + "; nothing was changed here.");
      out.println("Commit this to its manifest, so that " + change.effect() + ":");
      out.print(Manifests.annotationToCommit(change));
      return 0;
    }
    annotate(client, (HasMetadata) found, change);
    out.println(name + " annotated " + change.describe() + ": " + change.effect());
    return 0;
  }

  /** A merge patch of the one annotation: nothing else of the resource is touched or owned. */
  private static void annotate(
      KubernetesClient client, HasMetadata service, AnnotationChange change) {
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put(change.key(), change.value().orElse(null));
    try {
      client
          .resource(service)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              JSON.writeValueAsString(Map.of("metadata", Map.of("annotations", annotations))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
