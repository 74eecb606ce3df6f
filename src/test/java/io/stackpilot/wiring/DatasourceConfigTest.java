package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.expose;
import static io.stackpilot.wiring.Services.inNamespace;
import static io.stackpilot.wiring.Services.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.PortSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Grafana is provisioned with its stack's Prometheus services, nothing else. */
class DatasourceConfigTest {

  private final MonitoringService grafana =
      Services.monitoring("grafana", MonitoringRole.DASHBOARDS, spec -> spec.setStack("home"));

  @Test
  void eachMetricsServiceOfTheStackIsAPrometheusDatasourceTheFirstTheDefault() {
    MonitoringService prometheus =
        metrics("prometheus", "home", port("web", 9091), port("http", 9090));
    MonitoringService longTerm = metrics("archive", "home", port("query", 10902));

    assertThat(DatasourceConfig.render(grafana, List.of(prometheus, longTerm, grafana), "apps"))
        .isEqualTo(
            """
            apiVersion: 1
            datasources:
            - name: "archive"
              uid: "archive"
              type: "prometheus"
              access: "proxy"
              url: "http://archive.apps.svc.cluster.local:10902"
              isDefault: true
              editable: false
            - name: "prometheus"
              uid: "prometheus"
              type: "prometheus"
              access: "proxy"
              url: "http://prometheus.apps.svc.cluster.local:9090"
              isDefault: false
              editable: false
            """);
  }

  @Test
  void metricsServicesOfAnotherStackOrNamespaceOrWithoutPortsAreLeftOut() {
    MonitoringService otherStack = metrics("lab-prometheus", "lab", port("http", 9090));
    MonitoringService otherNamespace =
        inNamespace(metrics("prometheus", "home", port("http", 9090)), "elsewhere");
    MonitoringService portless = metrics("silent", "home");
    MonitoringService uptime =
        Services.monitoring("gatus", MonitoringRole.UPTIME, spec -> spec.setStack("home"));

    assertThat(
            DatasourceConfig.render(
                grafana, List.of(otherStack, otherNamespace, portless, uptime), "apps"))
        .isEqualTo("apiVersion: 1\ndatasources: []\n");
  }

  @Test
  void withoutAStackEveryMetricsServiceOfTheNamespaceIsShown() {
    MonitoringService loose = Services.monitoring("grafana", MonitoringRole.DASHBOARDS, spec -> {});

    assertThat(
            DatasourceConfig.render(
                loose, List.of(metrics("lab-prometheus", "lab", port("http", 9090))), "apps"))
        .contains("name: \"lab-prometheus\"");
  }

  @Test
  void aLongNameGivesAUidWithinGrafanasLimitThatStaysTheSame() {
    String name = "prometheus-of-the-media-stack-in-the-basement-rack";

    assertThat(DatasourceConfig.uid(name)).hasSizeLessThanOrEqualTo(40).startsWith("prometheus-");
    assertThat(DatasourceConfig.uid(name)).isEqualTo(DatasourceConfig.uid(name));
    assertThat(DatasourceConfig.uid(name + "-2")).isNotEqualTo(DatasourceConfig.uid(name));
  }

  private static MonitoringService metrics(String name, String stack, PortSpec... ports) {
    return Services.monitoring(
        name,
        MonitoringRole.METRICS,
        spec -> {
          spec.setStack(stack);
          spec.setPorts(List.of(ports));
          spec.setExpose(ports.length > 0 ? expose(name + ".home.example", "nginx") : null);
        });
  }
}
