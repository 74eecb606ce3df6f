package io.stackpilot.reconcile;

import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import java.util.List;

/**
 * The services of a namespace, taken once per reconcile from {@link NeighbourCaches}: who protects
 * a service, who scrapes it, who depends on it, and what it waits for are all answered from this
 * one view.
 */
record Neighbourhood(List<StackService> services) {

  List<SecurityService> securityServices() {
    return services.stream()
        .filter(SecurityService.class::isInstance)
        .map(SecurityService.class::cast)
        .toList();
  }

  List<MonitoringService> monitoringServices() {
    return services.stream()
        .filter(MonitoringService.class::isInstance)
        .map(MonitoringService.class::cast)
        .toList();
  }
}
