package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.StackService;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Wakes the scraping monitoring services of a namespace when a service there comes, goes, or
 * changes its labels or spec: all a scrape configuration is made of.
 */
final class ScraperWakes extends NeighbourWakes<MonitoringService> {

  private final EventSourceContext<MonitoringService> context;

  ScraperWakes(NeighbourCaches neighbours, EventSourceContext<MonitoringService> context) {
    super("scrape-targets", neighbours);
    this.context = context;
  }

  @Override
  Stream<MonitoringService> toWake(StackService before, StackService after) {
    if (!specOrLabelsChanged(before, after)) {
      return Stream.empty();
    }
    String namespace = Optional.ofNullable(after).orElse(before).getMetadata().getNamespace();
    return context.getPrimaryCache().list(namespace, ScraperWakes::scrapes);
  }

  private static boolean scrapes(MonitoringService monitoring) {
    return monitoring.getSpec() != null
        && monitoring.getSpec().getMonitoring() != null
        && monitoring.getSpec().getMonitoring().getScrape() != null;
  }
}
