package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.owner;
import static io.stackpilot.wiring.Services.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.ServiceMonitorMode;
import io.stackpilot.api.ServiceMonitorSpec;
import io.stackpilot.api.ServiceStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackServiceMonitorTest {

  @Test
  void aStackWantsOneUnlessItSaysOff() {
    ServiceStack stack = stack(NetworkPolicyMode.OFF);
    assertThat(StackServiceMonitor.wanted(stack)).isTrue();

    ServiceMonitorSpec off = new ServiceMonitorSpec();
    off.setMode(ServiceMonitorMode.OFF);
    stack.getSpec().setServiceMonitor(off);
    assertThat(StackServiceMonitor.wanted(stack)).isFalse();
  }

  @Test
  void itSelectsTheStacksServicesWithAMetricsPortAndLabelsTargetsWithServiceAndKind() {
    GenericKubernetesResource monitor =
        StackServiceMonitor.render(stack(NetworkPolicyMode.OFF), owner("home"));

    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    assertThat(monitor.getMetadata().getName()).isEqualTo(Services.STACK);
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo(Services.NAMESPACE);
    assertThat(monitor.getMetadata().getOwnerReferences()).containsExactly(owner("home"));
    Map<String, Object> spec = spec(monitor);
    assertThat(spec.get("selector"))
        .isEqualTo(
            Map.of(
                "matchLabels",
                Map.of(
                    "app.kubernetes.io/part-of", Services.STACK,
                    "app.kubernetes.io/managed-by", "stackpilot",
                    "stackpilot.io/metrics", "true")));
    assertThat(spec.get("namespaceSelector"))
        .isEqualTo(Map.of("matchNames", List.of(Services.NAMESPACE)));
    assertThat(spec.get("endpoints")).isEqualTo(List.of(Map.of("port", "metrics")));
    assertThat(spec.get("targetLabels"))
        .isEqualTo(List.of("stackpilot.io/service", "stackpilot.io/kind"));
  }

  @Test
  void theStacksLabelsAndIntervalAreCarriedOver() {
    ServiceStack stack = stack(NetworkPolicyMode.OFF);
    ServiceMonitorSpec settings = new ServiceMonitorSpec();
    settings.setLabels(Map.of("release", "kube-prometheus-stack"));
    settings.setInterval("30s");
    stack.getSpec().setServiceMonitor(settings);

    GenericKubernetesResource monitor = StackServiceMonitor.render(stack, owner("home"));

    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack")
        .containsEntry("app.kubernetes.io/managed-by", "stackpilot");
    assertThat(spec(monitor).get("endpoints"))
        .isEqualTo(List.of(Map.of("port", "metrics", "interval", "30s")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource monitor) {
    return (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
  }
}
