package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.stackpilot.api.StackService;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Wakes services of a controller when a service around them changes in a way that changes what they
 * render.
 *
 * <p>The wakes come from the informers of {@link NeighbourCaches} themselves, which call their
 * handlers only after taking a change in, so the reconcile they cause reads a {@link Neighbourhood}
 * that holds the change. A watch of a controller's own, as the scrape configuration once had, could
 * deliver a deletion before the neighbour caches saw it: the woken Prometheus rendered the deleted
 * service back into its configuration and, with nothing left to wake it, kept scraping a target
 * that was gone.
 */
abstract class NeighbourWakes<P extends HasMetadata> extends AbstractEventSource<StackService, P> {

  private final NeighbourCaches neighbours;
  private final ResourceEventHandler<StackService> handler =
      new ResourceEventHandler<>() {
        @Override
        public void onAdd(StackService service) {
          wake(toWake(null, service));
        }

        @Override
        public void onUpdate(StackService before, StackService after) {
          wake(toWake(before, after));
        }

        @Override
        public void onDelete(StackService service, boolean finalStateUnknown) {
          wake(toWake(service, null));
        }
      };

  NeighbourWakes(String name, NeighbourCaches neighbours) {
    super(StackService.class, name);
    this.neighbours = neighbours;
  }

  /**
   * The services to reconcile after a neighbour changed.
   *
   * @param before the neighbour before the change, null when it has just come
   * @param after the neighbour after the change, null when it has gone
   */
  abstract Stream<P> toWake(StackService before, StackService after);

  /** A change of spec or labels: a status write, the most frequent change by far, is neither. */
  static boolean specOrLabelsChanged(StackService before, StackService after) {
    return before == null
        || after == null
        || !Objects.equals(
            before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
        || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels());
  }

  private void wake(Stream<P> services) {
    services.forEach(
        service -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(service))));
  }

  @Override
  public void start() {
    // A handler added to running informers first hears of every service there is, as added.
    neighbours.addHandler(handler);
    super.start();
  }

  @Override
  public void stop() {
    neighbours.removeHandler(handler);
    super.stop();
  }

  @Override
  public Set<StackService> getSecondaryResources(P primary) {
    return Set.of();
  }
}
