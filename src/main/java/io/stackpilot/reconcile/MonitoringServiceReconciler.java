package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles MonitoringServices. Beyond what every service kind does, a Prometheus's scrape
 * configuration lists the services around it, so a media or security service coming, going or
 * changing its labels or ports wakes the monitoring services of its namespace.
 */
@ControllerConfiguration(name = "monitoringservice")
public class MonitoringServiceReconciler extends ServiceReconciler<MonitoringService> {

  public MonitoringServiceReconciler(OperatorContext operator) {
    super(operator);
  }

  @Override
  public List<EventSource<?, MonitoringService>> prepareEventSources(EventSourceContext<MonitoringService> context) {
    List<EventSource<?, MonitoringService>> sources = new ArrayList<>(super.prepareEventSources(context));
    sources.add(scrapeTargets(MediaService.class, context));
    sources.add(scrapeTargets(SecurityService.class, context));
    return sources;
  }

  private static <T extends HasMetadata> InformerEventSource<T, MonitoringService> scrapeTargets(Class<T> kind,
      EventSourceContext<MonitoringService> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(kind, MonitoringService.class)
        .withName("scrape-targets-" + kind.getSimpleName())
        .withItemStore(TrimmedItemStore.withoutManagedFields(context))
        .withSecondaryToPrimaryMapper((T target) -> context.getPrimaryCache()
            .list(target.getMetadata().getNamespace())
            .map(ResourceID::fromResource)
            .collect(Collectors.toSet()))
        .withPrimaryToSecondaryMapper((MonitoringService monitoring) -> Set.of())
        .build(), context);
  }
}
