package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.List;

/**
 * The services of a namespace, read once per reconcile: who protects a service, who scrapes it, who
 * depends on it, and what it waits for are all answered from this one read.
 */
record Neighbourhood(List<StackService> services) {

  static Neighbourhood read(KubernetesClient client, String namespace) {
    List<StackService> all = new ArrayList<>();
    all.addAll(client.resources(MediaService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(SecurityService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(MonitoringService.class).inNamespace(namespace).list().getItems());
    // A service without a spec (stored before the CRD required one) protects, scrapes and depends on
    // nothing; left in, it would fail the reconcile of every other service of the namespace.
    return new Neighbourhood(all.stream().filter(service -> service.serviceSpec() != null).toList());
  }

  List<SecurityService> securityServices() {
    return services.stream().filter(SecurityService.class::isInstance).map(SecurityService.class::cast).toList();
  }

  List<MonitoringService> monitoringServices() {
    return services.stream().filter(MonitoringService.class::isInstance).map(MonitoringService.class::cast).toList();
  }
}
