package io.stackpilot.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RecoveryMetricsTest {

  private static final String SONARR =
      "{kind=\"MediaService\",namespace=\"home\",service=\"sonarr\"}";
  private static final String AUTHELIA =
      "{kind=\"SecurityService\",namespace=\"home\",service=\"authelia\"}";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RecoveryMetrics metrics = new RecoveryMetrics(registry);

  @Test
  void scrapeShowsTheFourMetricsUnderTheirExactNamesAndLabels() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.HEALTHY);
    metrics.rollback("home", "MediaService", "sonarr");
    metrics.restart("home", "MediaService", "sonarr");
    metrics.recovered("home", "MediaService", "sonarr", Duration.ofSeconds(90));

    List<String> scrape = scrape();

    assertThat(scrape)
        .contains(
            "# TYPE stackpilot_service_health gauge",
            "stackpilot_service_health" + SONARR + " 1.0",
            "# TYPE stackpilot_rollbacks_total counter",
            "stackpilot_rollbacks_total" + SONARR + " 1.0",
            "# TYPE stackpilot_restarts_total counter",
            "stackpilot_restarts_total" + SONARR + " 1.0",
            "# TYPE stackpilot_recovery_seconds histogram",
            "stackpilot_recovery_seconds_count" + SONARR + " 1",
            "stackpilot_recovery_seconds_sum" + SONARR + " 90.0");
  }

  @Test
  void healthIsOneHalfOrZeroInOneSeriesPerService() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.PROGRESSING);
    assertThat(scrape()).contains("stackpilot_service_health" + SONARR + " 0.5");

    metrics.health("home", "MediaService", "sonarr", HealthLevel.UNHEALTHY);
    assertThat(scrape()).contains("stackpilot_service_health" + SONARR + " 0.0");

    metrics.health("home", "MediaService", "sonarr", HealthLevel.HEALTHY);
    assertThat(scrape()).contains("stackpilot_service_health" + SONARR + " 1.0");
    assertThat(seriesOf("stackpilot_service_health{")).hasSize(1);
  }

  @Test
  void healthSurvivesGarbageCollection() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.HEALTHY);

    // Micrometer holds gauge state weakly by default; a collected state would scrape as NaN.
    System.gc();

    assertThat(scrape()).contains("stackpilot_service_health" + SONARR + " 1.0");
  }

  @Test
  void forgetDropsTheHealthOfThatServiceOnly() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.HEALTHY);
    metrics.health("home", "SecurityService", "authelia", HealthLevel.UNHEALTHY);

    metrics.forget("home", "MediaService", "sonarr");
    metrics.forget("home", "MediaService", "never-seen");

    assertThat(seriesOf("stackpilot_service_health{"))
        .containsExactly("stackpilot_service_health" + AUTHELIA + " 0.0");
  }

  @Test
  void aServiceSeenOnceHasItsCountersAtZeroSoThatItsFirstRollbackIsAnIncrease() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.PROGRESSING);

    assertThat(scrape())
        .contains(
            "stackpilot_rollbacks_total" + SONARR + " 0.0",
            "stackpilot_restarts_total" + SONARR + " 0.0");

    metrics.rollback("home", "MediaService", "sonarr");
    assertThat(seriesOf("stackpilot_rollbacks_total{"))
        .containsExactly("stackpilot_rollbacks_total" + SONARR + " 1.0");
  }

  @Test
  void forgetDropsTheCountersOfThatServiceToo() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.HEALTHY);
    metrics.rollback("home", "MediaService", "sonarr");
    metrics.health("home", "SecurityService", "authelia", HealthLevel.HEALTHY);

    metrics.forget("home", "MediaService", "sonarr");

    assertThat(seriesOf("stackpilot_rollbacks_total{"))
        .containsExactly("stackpilot_rollbacks_total" + AUTHELIA + " 0.0");
    assertThat(seriesOf("stackpilot_restarts_total{"))
        .containsExactly("stackpilot_restarts_total" + AUTHELIA + " 0.0");
  }

  @Test
  void aForgottenServiceThatComesBackReportsAgain() {
    metrics.health("home", "MediaService", "sonarr", HealthLevel.HEALTHY);
    metrics.forget("home", "MediaService", "sonarr");

    metrics.health("home", "MediaService", "sonarr", HealthLevel.PROGRESSING);

    assertThat(seriesOf("stackpilot_service_health{"))
        .containsExactly("stackpilot_service_health" + SONARR + " 0.5");
  }

  @Test
  void rollbacksAndRestartsAccumulatePerService() {
    metrics.rollback("home", "MediaService", "sonarr");
    metrics.rollback("home", "MediaService", "sonarr");
    metrics.restart("home", "SecurityService", "authelia");

    assertThat(scrape())
        .contains(
            "stackpilot_rollbacks_total" + SONARR + " 2.0",
            "stackpilot_restarts_total" + AUTHELIA + " 1.0");
    assertThat(seriesOf("stackpilot_restarts_total{")).hasSize(1);
  }

  @Test
  void recoveryBucketsReachHoursNotJustTheDefaultThirtySeconds() {
    metrics.recovered("home", "MediaService", "sonarr", Duration.ofMinutes(20));

    List<String> buckets = seriesOf("stackpilot_recovery_seconds_bucket{");

    assertThat(buckets)
        .anySatisfy(line -> assertThat(line).contains("le=\"21600.0\"").endsWith(" 1"));
    // A 20-minute recovery lands in a real bucket near 1200 s, not only in +Inf.
    String firstHit =
        buckets.stream().filter(line -> line.endsWith(" 1")).findFirst().orElseThrow();
    Matcher le = Pattern.compile("le=\"([0-9.]+)\"").matcher(firstHit);
    assertThat(le.find()).as(firstHit).isTrue();
    assertThat(Double.parseDouble(le.group(1))).isBetween(1200.0, 2400.0);
  }

  private List<String> scrape() {
    return registry.scrape().lines().toList();
  }

  private List<String> seriesOf(String prefix) {
    return scrape().stream().filter(line -> line.startsWith(prefix)).toList();
  }
}
