package io.stackpilot.wiring;

import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Grafana datasource provisioning file of a dashboards service: one Prometheus datasource per
 * Metrics service of its stack (of its namespace, when it names no stack), reached through that
 * service's Kubernetes Service. The first, by name, is the default datasource.
 *
 * <p>Each datasource has a fixed uid derived from the service's name, so dashboards that refer to
 * it keep working when the file is rendered again; provisioned datasources cannot be edited in
 * Grafana, as the file would overwrite the edit at the next start.
 */
public final class DatasourceConfig {

  /** Grafana's limit on a datasource uid. */
  private static final int MAX_UID_LENGTH = 40;

  private DatasourceConfig() {}

  /**
   * @param candidates monitoring services of the namespace; the Metrics ones of the dashboards
   *     service's stack become datasources
   * @param namespace the namespace the datasources' addresses name
   */
  public static String render(
      MonitoringService dashboards, List<? extends StackService> candidates, String namespace) {
    List<MonitoringService> metrics =
        candidates.stream()
            .filter(MonitoringService.class::isInstance)
            .map(MonitoringService.class::cast)
            .filter(DatasourceConfig::isMetrics)
            .filter(candidate -> SameStack.as(dashboards, candidate))
            .sorted(Comparator.comparing(candidate -> candidate.getMetadata().getName()))
            .toList();
    List<Map<String, Object>> datasources = new ArrayList<>();
    for (MonitoringService prometheus : metrics) {
      webPort(prometheus)
          .ifPresent(
              port -> {
                String name = prometheus.getMetadata().getName();
                Map<String, Object> datasource = new LinkedHashMap<>();
                datasource.put("name", name);
                datasource.put("uid", uid(name));
                datasource.put("type", "prometheus");
                datasource.put("access", "proxy");
                datasource.put(
                    "url", "http://" + ClusterDns.hostAndPort(name, namespace, port.getPort()));
                datasource.put("isDefault", datasources.isEmpty());
                datasource.put("editable", false);
                datasources.add(datasource);
              });
    }
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", 1);
    file.put("datasources", datasources);
    return ConfigYaml.write(file);
  }

  private static boolean isMetrics(MonitoringService service) {
    return Optional.ofNullable(service.getSpec())
        .map(spec -> spec.getMonitoring())
        .map(MonitoringSpec::getRole)
        .filter(role -> role == MonitoringRole.METRICS)
        .isPresent();
  }

  /** The port Prometheus answers on: the one named http, else its first. */
  private static Optional<PortSpec> webPort(MonitoringService prometheus) {
    List<PortSpec> ports = prometheus.serviceSpec().getPorts();
    return NamedPorts.find(ports, "http")
        .or(() -> ports == null ? Optional.empty() : ports.stream().findFirst());
  }

  /** The service's name, shortened with a hash of it where it is longer than Grafana allows. */
  static String uid(String name) {
    if (name.length() <= MAX_UID_LENGTH) {
      return name;
    }
    String hash = String.format("%08x", name.hashCode());
    return name.substring(0, MAX_UID_LENGTH - hash.length() - 1) + "-" + hash;
  }
}
