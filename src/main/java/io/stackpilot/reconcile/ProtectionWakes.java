package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.StackService;
import io.stackpilot.validation.ServiceRef;
import io.stackpilot.wiring.LabelSelectorMatcher;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Wakes the services a security service protects, before and after a change, when it comes, goes,
 * changes its spec or labels, or becomes Ready or stops being so: a protected service's Ingress gets
 * forward auth, and its NetworkPolicy admits the proxy, from what its protector is now.
 *
 * <p>Without these wakes a service that was exposed before a security service came to protect it kept
 * its Ingress without forward auth until the next resync.
 */
final class ProtectionWakes<S extends StackService> extends NeighbourWakes<S> {

  private final EventSourceContext<S> context;

  ProtectionWakes(NeighbourCaches neighbours, EventSourceContext<S> context) {
    super("protectors", neighbours);
    this.context = context;
  }

  @Override
  Stream<S> toWake(StackService before, StackService after) {
    if (!changesProtection(before, after)) {
      return Stream.empty();
    }
    String namespace = Optional.ofNullable(after).orElse(before).getMetadata().getNamespace();
    return context.getPrimaryCache().list(namespace, service -> protectedBeforeOrAfter(before, after, service));
  }

  /** A security service came, went, changed its spec or labels, or became Ready or stopped being so. */
  static boolean changesProtection(StackService before, StackService after) {
    return Optional.ofNullable(after).orElse(before) instanceof SecurityService
        && (specOrLabelsChanged(before, after) || StackWiring.ready(before) != StackWiring.ready(after));
  }

  /** The candidate was protected by the security service before the change, or is after it. */
  static boolean protectedBeforeOrAfter(StackService before, StackService after, StackService candidate) {
    ServiceRef protector = ServiceRef.of(Optional.ofNullable(after).orElse(before));
    return !ServiceRef.of(candidate).equals(protector)
        && (LabelSelectorMatcher.matches(protects(before), candidate.getMetadata().getLabels())
            || LabelSelectorMatcher.matches(protects(after), candidate.getMetadata().getLabels()));
  }

  private static LabelSelector protects(StackService service) {
    return service instanceof SecurityService security
        ? Optional.ofNullable(security.getSpec()).map(SecurityServiceSpec::getSecurity).map(SecuritySpec::getProtects)
            .orElse(null)
        : null;
  }
}
