package io.stackpilot.wiring;

import io.stackpilot.api.StackService;
import java.util.Objects;

/**
 * Whether a service belongs to what another one looks after: the same namespace, and the same stack
 * when the looking service names one. Grafana in stack home shows home's Prometheus, not another
 * stack's of the same namespace.
 */
final class SameStack {

  private SameStack() {}

  static boolean as(StackService looking, StackService candidate) {
    String stack = looking.serviceSpec().getStack();
    return SameNamespace.as(looking, candidate)
        && (stack == null || Objects.equals(stack, candidate.serviceSpec().getStack()));
  }
}
