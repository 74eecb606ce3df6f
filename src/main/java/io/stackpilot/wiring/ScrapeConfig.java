package io.stackpilot.wiring;

import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.ScrapeSpec;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.config.Overlays;
import io.stackpilot.validation.ServiceRef;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus scrape configuration of a metrics service: one job per service it selects that has
 * a port named metrics, scraped through the service's Kubernetes Service.
 *
 * <p>The text is a pure function of its inputs, with jobs sorted by service name, so that it (and
 * the hash of the content-addressed ConfigMap that carries it) changes only when what is scraped
 * does. It is a whole Prometheus configuration, read as it is.
 */
public final class ScrapeConfig {

  /** Prometheus's own default is one minute; the design asks for 30 seconds. */
  private static final String DEFAULT_INTERVAL = "30s";

  private static final Comparator<StackService> BY_SERVICE_NAME =
      Comparator.<StackService, String>comparing(service -> service.getMetadata().getName())
          .thenComparing(service -> service.serviceKind().value());

  private ScrapeConfig() {}

  /**
   * A configuration fragment {@code scrape_configs: [...]}. Each job is named {@code
   * <Kind>/<name>}, unique even across kinds, targets {@code
   * <name>.<namespace>.svc.cluster.local:<metrics port>} every spec.monitoring.scrape.interval
   * (default 30s), and labels its series with service, kind and stack (when the service has one).
   *
   * @param candidates services of the namespace; only those {@code prometheus} selects are scraped
   * @param namespace the namespace the targets' addresses name
   */
  public static String render(
      MonitoringService prometheus, List<? extends StackService> candidates, String namespace) {
    String interval =
        Optional.ofNullable(prometheus.getSpec())
            .map(MonitoringServiceSpec::getMonitoring)
            .map(MonitoringSpec::getScrape)
            .map(ScrapeSpec::getInterval)
            .orElse(DEFAULT_INTERVAL);
    List<Map<String, Object>> jobs =
        candidates.stream()
            .filter(candidate -> ScrapeSelection.selects(prometheus, candidate))
            .sorted(BY_SERVICE_NAME)
            .flatMap(candidate -> job(candidate, interval, namespace).stream())
            .toList();
    return ConfigYaml.write(Map.of("scrape_configs", jobs));
  }

  private static Optional<Map<String, Object>> job(
      StackService service, String interval, String namespace) {
    ServiceSpec spec = service.serviceSpec();
    Optional<PortSpec> metrics = NamedPorts.find(spec.getPorts(), Overlays.METRICS_PORT_NAME);
    return metrics.map(
        port -> {
          String name = service.getMetadata().getName();
          Map<String, String> labels = new LinkedHashMap<>();
          labels.put("service", name);
          labels.put("kind", service.serviceKind().value());
          Optional.ofNullable(spec.getStack()).ifPresent(stack -> labels.put("stack", stack));
          Map<String, Object> target = new LinkedHashMap<>();
          target.put("targets", List.of(ClusterDns.hostAndPort(name, namespace, port.getPort())));
          target.put("labels", labels);
          Map<String, Object> job = new LinkedHashMap<>();
          job.put("job_name", ServiceRef.of(service).toString());
          job.put("scrape_interval", interval);
          job.put("static_configs", List.of(target));
          return job;
        });
  }
}
