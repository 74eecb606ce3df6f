package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.port;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The security and monitoring overlays, the two topmost layers. */
class OverlaysTest {

  private static final Overlays PROTECTED = new Overlays(Optional.of("authelia"), false);
  private static final Overlays SCRAPED = new Overlays(Optional.empty(), true);

  private static final MediaService WITH_METRICS_PORT =
      mediaService(spec -> spec.setPorts(List.of(port("http", 8989), port("metrics", 9707))));
  private static final MediaService WITHOUT_METRICS_PORT =
      mediaService(spec -> spec.setPorts(List.of(port("http", 8989))));

  @Test
  void noOverlaysAddNothing() {
    EffectiveService effective = layer(WITH_METRICS_PORT, stack(s -> {}), Overlays.none());

    assertThat(effective.podLabels()).isEmpty();
    assertThat(effective.podAnnotations()).isEmpty();
    assertThat(effective.provenance().layers())
        .doesNotContainValue(Layer.SECURITY_OVERLAY)
        .doesNotContainValue(Layer.MONITORING_OVERLAY);
  }

  @Test
  void aProtectedServiceIsLabelledWithItsSecurityService() {
    EffectiveService effective = layer(WITHOUT_METRICS_PORT, stack(s -> {}), PROTECTED);

    assertThat(effective.podLabels())
        .containsExactly(entry("stackpilot.io/protected-by", "authelia"));
    assertThat(effective.provenance().of("podLabels.stackpilot.io/protected-by"))
        .contains(Layer.SECURITY_OVERLAY);
  }

  @Test
  void theSecurityOverlayWinsOverAStackLabelOfTheSameKey() {
    ServiceStack stack =
        stack(
            s ->
                s.setBase(
                    defaults(d -> d.setPodLabels(Map.of("stackpilot.io/protected-by", "nobody")))));

    EffectiveService effective = layer(WITHOUT_METRICS_PORT, stack, PROTECTED);

    assertThat(effective.podLabels()).containsEntry("stackpilot.io/protected-by", "authelia");
  }

  @Test
  void aScrapedServiceWithAMetricsPortIsAdvertisedForScraping() {
    EffectiveService effective = layer(WITH_METRICS_PORT, stack(s -> {}), SCRAPED);

    assertThat(effective.podLabels()).containsExactly(entry("stackpilot.io/scrape", "true"));
    assertThat(effective.podAnnotations())
        .containsExactly(
            entry("prometheus.io/port", "9707"), entry("prometheus.io/scrape", "true"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("podLabels.stackpilot.io/scrape", Layer.MONITORING_OVERLAY),
            entry("podAnnotations.prometheus.io/port", Layer.MONITORING_OVERLAY),
            entry("podAnnotations.prometheus.io/scrape", Layer.MONITORING_OVERLAY));
  }

  @Test
  void aScrapedServiceWithoutAMetricsPortHasNothingToAdvertise() {
    EffectiveService effective = layer(WITHOUT_METRICS_PORT, stack(s -> {}), SCRAPED);

    assertThat(effective.podLabels()).isEmpty();
    assertThat(effective.podAnnotations()).isEmpty();
  }

  @Test
  void aMetricsPortAloneDoesNotAdvertiseAServiceNobodyScrapes() {
    EffectiveService effective = layer(WITH_METRICS_PORT, stack(s -> {}), Overlays.none());

    assertThat(effective.podLabels()).doesNotContainKey("stackpilot.io/scrape");
    assertThat(effective.podAnnotations())
        .doesNotContainKeys("prometheus.io/scrape", "prometheus.io/port");
  }

  @Test
  void theMonitoringOverlayWinsOverTheServicesOwnAnnotations() {
    MediaService service =
        mediaService(
            spec -> {
              spec.setPorts(List.of(port("metrics", 9707)));
              spec.setPodAnnotations(Map.of("prometheus.io/port", "1234", "team", "media"));
            });

    EffectiveService effective = layer(service, stack(s -> {}), SCRAPED);

    assertThat(effective.podAnnotations())
        .containsEntry("prometheus.io/port", "9707")
        .containsEntry("team", "media");
  }

  @Test
  void bothOverlaysApplyTogether() {
    EffectiveService effective =
        layer(WITH_METRICS_PORT, stack(s -> {}), new Overlays(Optional.of("authelia"), true));

    assertThat(effective.podLabels())
        .containsExactly(
            entry("stackpilot.io/protected-by", "authelia"), entry("stackpilot.io/scrape", "true"));
  }

  private static EffectiveService layer(
      MediaService service, ServiceStack stack, Overlays overlays) {
    return Layering.layer(service, Optional.of(stack), Channel.STABLE, overlays);
  }
}
