package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.effective;
import static io.stackpilot.wiring.Services.media;
import static io.stackpilot.wiring.Services.owner;
import static io.stackpilot.wiring.Services.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceMonitorMode;
import io.stackpilot.api.ServiceMonitorSpec;
import io.stackpilot.render.ServiceRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandaloneServiceMonitorTest {

  private static final MediaService WITH_METRICS =
      media("podinfo", spec -> spec.setPorts(List.of(port("http", 9898), port("metrics", 9797))));

  @Test
  void aServiceInNoStackWithAMetricsPortGetsOneOfItsOwnThatSelectsOnlyItsService() {
    GenericKubernetesResource monitor = render(WITH_METRICS).orElseThrow();

    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    assertThat(monitor.getMetadata().getName()).isEqualTo("podinfo.mediaservice");
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo(Services.NAMESPACE);
    assertThat(monitor.getMetadata().getOwnerReferences()).containsExactly(owner("podinfo"));
    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("stackpilot.io/service", "podinfo")
        .containsEntry("stackpilot.io/kind", "MediaService")
        .containsEntry("app.kubernetes.io/managed-by", "stackpilot");
    Map<String, Object> spec = spec(monitor);
    assertThat(spec.get("selector"))
        .isEqualTo(
            Map.of(
                "matchLabels",
                Map.of(
                    "stackpilot.io/service", "podinfo",
                    "stackpilot.io/kind", "MediaService",
                    "app.kubernetes.io/part-of", "stackpilot",
                    "app.kubernetes.io/managed-by", "stackpilot",
                    "stackpilot.io/metrics", "true")));
    assertThat(spec.get("namespaceSelector"))
        .isEqualTo(Map.of("matchNames", List.of(Services.NAMESPACE)));
    assertThat(spec.get("endpoints")).isEqualTo(List.of(Map.of("port", "metrics")));
    assertThat(spec.get("targetLabels"))
        .isEqualTo(List.of("stackpilot.io/service", "stackpilot.io/kind"));
  }

  @Test
  void itSelectsWhatTheRenderedServiceCarries() {
    var rendered = ServiceRenderer.render(effective(WITH_METRICS), owner("podinfo"));
    Map<String, String> serviceLabels =
        rendered.objects().stream()
            .filter(o -> o instanceof Service)
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getLabels();
    @SuppressWarnings("unchecked")
    Map<String, String> selected =
        (Map<String, String>)
            ((Map<String, Object>) spec(render(WITH_METRICS).orElseThrow()).get("selector"))
                .get("matchLabels");

    assertThat(serviceLabels).containsAllEntriesOf(selected);
  }

  @Test
  void noneInAStackWithoutAMetricsPortOrWithModeOff() {
    MediaService inStack =
        media(
            "podinfo",
            spec -> {
              spec.setStack("home");
              spec.setPorts(List.of(port("metrics", 9797)));
            });
    MediaService noMetrics = media("jellyfin", spec -> spec.setPorts(List.of(port("http", 8096))));
    ServiceMonitorSpec off = new ServiceMonitorSpec();
    off.setMode(ServiceMonitorMode.OFF);
    MediaService turnedOff =
        media(
            "podinfo",
            spec -> {
              spec.setPorts(List.of(port("metrics", 9797)));
              spec.setServiceMonitor(off);
            });

    assertThat(render(inStack)).isEmpty();
    assertThat(render(noMetrics)).isEmpty();
    assertThat(render(turnedOff)).isEmpty();
  }

  @Test
  void theServicesLabelsAndIntervalAreCarriedOverButNeverReplaceItsOwn() {
    ServiceMonitorSpec settings = new ServiceMonitorSpec();
    settings.setLabels(
        Map.of("release", "kube-prometheus-stack", "stackpilot.io/service", "someone-else"));
    settings.setInterval("15s");
    MediaService service =
        media(
            "podinfo",
            spec -> {
              spec.setPorts(List.of(port("metrics", 9797)));
              spec.setServiceMonitor(settings);
            });

    GenericKubernetesResource monitor = render(service).orElseThrow();

    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack")
        .containsEntry("stackpilot.io/service", "podinfo");
    assertThat(spec(monitor).get("endpoints"))
        .isEqualTo(List.of(Map.of("port", "metrics", "interval", "15s")));
  }

  private static Optional<GenericKubernetesResource> render(MediaService service) {
    return StandaloneServiceMonitor.render(
        service, effective(service), owner(service.getMetadata().getName()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource monitor) {
    return (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
  }
}
