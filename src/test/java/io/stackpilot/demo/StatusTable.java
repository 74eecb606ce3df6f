package io.stackpilot.demo;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The demo's live view of a namespace: one line per service, and the stack's summary. */
final class StatusTable {

  private static final String FORMAT = "%-18s %-12s %-48s %-6s %-12s %s%n";

  private final KubernetesClient client;
  private final String namespace;

  StatusTable(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  List<StackService> services() {
    List<StackService> all = new ArrayList<>();
    all.addAll(client.resources(MediaService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(SecurityService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(MonitoringService.class).inNamespace(namespace).list().getItems());
    all.sort(
        Comparator.comparing((StackService s) -> s.getKind())
            .thenComparing(s -> s.getMetadata().getName()));
    return all;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(FORMAT, "SERVICE", "KIND", "IMAGE", "READY", "PHASE", "NOTE"));
    for (StackService service : services()) {
      var status = service.getStatus();
      out.append(
          String.format(
              FORMAT,
              service.getMetadata().getName(),
              service.getKind().replace("Service", ""),
              status == null || status.getImage() == null ? "-" : status.getImage(),
              status == null || status.getReady() == null ? "-" : status.getReady(),
              status == null || status.getPhase() == null ? "Pending" : status.getPhase(),
              note(service)));
    }
    client
        .resources(ServiceStack.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(
            stack ->
                out.append("\nstack ")
                    .append(stack.getMetadata().getName())
                    .append(": ")
                    .append(
                        stack.getStatus() == null
                            ? "no status yet"
                            : stack.getStatus().getReady()
                                + " services Ready, "
                                + stack.getStatus().getDegradedCount()
                                + " degraded")
                    .append('\n'));
    return out.toString();
  }

  /** Why a service is not Ready, from its Stalled or Ready condition. */
  private static String note(StackService service) {
    if (service.getStatus() == null || service.getStatus().getConditions() == null) {
      return "";
    }
    for (String type : List.of("Stalled", "Ready")) {
      for (Condition c : service.getStatus().getConditions()) {
        if (type.equals(c.getType())
            && ("Stalled".equals(type) == "True".equals(c.getStatus()))
            && !"Healthy".equals(c.getReason())) {
          return c.getReason();
        }
      }
    }
    return "";
  }
}
