package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.StackService;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Wakes the monitoring services of a namespace whose role renders a file from the services around
 * them (a Prometheus that scrapes, a Grafana's datasources, an uptime list) when a service there
 * comes, goes, or changes its labels or spec: all those files are made of.
 */
final class RoleConfigWakes extends NeighbourWakes<MonitoringService> {

  private final EventSourceContext<MonitoringService> context;

  RoleConfigWakes(NeighbourCaches neighbours, EventSourceContext<MonitoringService> context) {
    super("role-config-inputs", neighbours);
    this.context = context;
  }

  @Override
  Stream<MonitoringService> toWake(StackService before, StackService after) {
    if (!specOrLabelsChanged(before, after)) {
      return Stream.empty();
    }
    String namespace = Optional.ofNullable(after).orElse(before).getMetadata().getNamespace();
    return context.getPrimaryCache().list(namespace, RoleConfigWakes::rendersFromNeighbours);
  }

  private static boolean rendersFromNeighbours(MonitoringService monitoring) {
    return monitoring.getSpec() != null
        && monitoring.getSpec().getMonitoring() != null
        && monitoring.getSpec().getMonitoring().roleFile().isPresent();
  }
}
