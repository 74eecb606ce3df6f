package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.validation.ServiceRef;
import io.stackpilot.wiring.LabelSelectorMatcher;
import io.stackpilot.wiring.Protection;
import io.stackpilot.wiring.ScrapeSelection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Wakes the services whose rendered objects name a neighbour that changed: those a security service
 * protects (forward auth on their Ingress, its proxy admitted by their NetworkPolicy), those a
 * service depends on (their NetworkPolicy admits it) and those a metrics service scrapes (their
 * NetworkPolicy admits it to the metrics port). Both the services named before the change and those
 * named after it are woken, so a service that stops being named drops what it rendered for the
 * neighbour.
 *
 * <p>A neighbour turning Ready or not wakes the services that depend on it: their new revisions
 * wait for it.
 *
 * <p>Without these wakes a service exposed before a security service came to protect it kept its
 * Ingress without forward auth, and a service kept a NetworkPolicy shutting out a new dependent,
 * until the next resync.
 */
final class PeerWakes<S extends StackService> extends NeighbourWakes<S> {

  private final EventSourceContext<S> context;

  PeerWakes(NeighbourCaches neighbours, EventSourceContext<S> context) {
    super("peers", neighbours);
    this.context = context;
  }

  @Override
  Stream<S> toWake(StackService before, StackService after) {
    boolean peersChanged = changesPeers(before, after);
    boolean readinessChanged = StackWiring.ready(before) != StackWiring.ready(after);
    if (!peersChanged && !readinessChanged) {
      return Stream.empty();
    }
    StackService neighbour = Optional.ofNullable(after).orElse(before);
    return context
        .getPrimaryCache()
        .list(
            neighbour.getMetadata().getNamespace(),
            service ->
                peersChanged && namedBeforeOrAfter(before, after, service)
                    || readinessChanged && dependsOn(service, neighbour));
  }

  /**
   * The candidate's dependsOn names the neighbour: a new revision of the candidate waits until the
   * neighbour is Ready, so the neighbour turning Ready is what it waits for.
   */
  static boolean dependsOn(StackService candidate, StackService neighbour) {
    ServiceRef ref = ServiceRef.of(neighbour);
    return !ServiceRef.of(candidate).equals(ref)
        && Optional.ofNullable(candidate.serviceSpec())
            .map(ServiceSpec::getDependsOn)
            .orElse(List.of())
            .stream()
            .anyMatch(dependency -> ServiceRef.of(dependency).equals(ref));
  }

  /**
   * A neighbour came, went, changed its spec or labels, or, being a security service, became Ready
   * or stopped being so: forward auth is withheld while the protector is not Ready.
   */
  static boolean changesPeers(StackService before, StackService after) {
    return specOrLabelsChanged(before, after)
        || Optional.ofNullable(after).orElse(before) instanceof SecurityService
            && StackWiring.ready(before) != StackWiring.ready(after);
  }

  /** The neighbour protects, depends on or scrapes the candidate, before the change or after it. */
  static boolean namedBeforeOrAfter(
      StackService before, StackService after, StackService candidate) {
    ServiceRef neighbour = ServiceRef.of(Optional.ofNullable(after).orElse(before));
    return !ServiceRef.of(candidate).equals(neighbour)
        && (names(before, candidate) || names(after, candidate));
  }

  private static boolean names(StackService neighbour, StackService candidate) {
    if (neighbour == null) {
      return false;
    }
    ServiceRef ref = ServiceRef.of(candidate);
    boolean dependedOn =
        Optional.ofNullable(neighbour.serviceSpec())
            .map(ServiceSpec::getDependsOn)
            .orElse(List.of())
            .stream()
            .anyMatch(dependency -> ServiceRef.of(dependency).equals(ref));
    boolean scraped =
        neighbour instanceof MonitoringService monitoring
            && ScrapeSelection.selects(monitoring, candidate);
    boolean protectedBy =
        neighbour instanceof SecurityService security
            && LabelSelectorMatcher.matches(
                Protection.protects(security), candidate.getMetadata().getLabels());
    return dependedOn || scraped || protectedBy;
  }
}
