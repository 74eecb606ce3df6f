package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Wakes a stack when one of its members changes in any way (a status write included: the stack
 * counts its members by phase), and both stacks when a service moves from one to another. The
 * members are read from {@link NeighbourCaches} too, so the stack controller keeps no copy of its
 * own of the services.
 */
final class StackMemberWakes extends NeighbourWakes<ServiceStack> {

  private final EventSourceContext<ServiceStack> context;

  StackMemberWakes(NeighbourCaches neighbours, EventSourceContext<ServiceStack> context) {
    super("stack-members", neighbours);
    this.context = context;
  }

  @Override
  Stream<ServiceStack> toWake(StackService before, StackService after) {
    String namespace = Optional.ofNullable(after).orElse(before).getMetadata().getNamespace();
    return Stream.of(stackOf(before), stackOf(after))
        .filter(Objects::nonNull)
        .distinct()
        .flatMap(
            stack ->
                context
                    .getPrimaryCache()
                    .list(namespace, candidate -> candidate.getMetadata().getName().equals(stack)));
  }

  static String stackOf(StackService service) {
    return service == null || service.serviceSpec() == null
        ? null
        : service.serviceSpec().getStack();
  }
}
