package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.stackpilot.api.MonitoringService;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciles MonitoringServices. Beyond what every service kind does, a role's file lists the
 * services around it (a Prometheus's targets, a Grafana's datasources, an uptime list), so a
 * service of any kind coming, going or changing its labels or spec wakes the monitoring services of
 * its namespace that render one ({@link RoleConfigWakes}).
 */
@ControllerConfiguration(
    name = "monitoringservice",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrSteeringChanged.class))
public class MonitoringServiceReconciler extends ServiceReconciler<MonitoringService> {

  private final NeighbourCaches neighbours;

  public MonitoringServiceReconciler(OperatorContext operator) {
    super(operator);
    this.neighbours = operator.neighbours();
  }

  @Override
  public List<EventSource<?, MonitoringService>> prepareEventSources(
      EventSourceContext<MonitoringService> context) {
    List<EventSource<?, MonitoringService>> sources =
        new ArrayList<>(super.prepareEventSources(context));
    sources.add(new RoleConfigWakes(neighbours, context));
    return sources;
  }
}
