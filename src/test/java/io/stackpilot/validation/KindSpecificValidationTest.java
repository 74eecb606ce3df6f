package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KindSpecificValidationTest {

  private static final String TRANSCODING =
      """
      media:
        transcode: {scratchSize: 10Gi, devices: [/dev/dri]}
      """;

  @ParameterizedTest
  @ValueSource(strings = {"", "securityProfile: Restricted\n", "securityProfile: Baseline\n"})
  void transcodeDevicesWithoutPrivilegedAreAnError(String profile) {
    MediaService jellyfin = Specs.media("jellyfin", Specs.MINIMAL + profile + TRANSCODING);

    ValidationReport report = validateService(jellyfin, ClusterFacts.offline());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.media.transcode.devices");
              assertThat(error.message())
                  .contains("spec.media.transcode.devices", "Privileged", "spec.securityProfile");
            });
  }

  @Test
  void transcodeDevicesWithPrivilegedAreFine() {
    MediaService jellyfin =
        Specs.media("jellyfin", Specs.MINIMAL + "securityProfile: Privileged\n" + TRANSCODING);

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void transcodingWithoutDevicesNeedsNoPrivileges() {
    MediaService jellyfin =
        Specs.media("jellyfin", Specs.MINIMAL + "media:\n  transcode: {scratchSize: 10Gi}\n");

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void privilegedFromTheStacksMediaDefaultsIsEnough() {
    MediaService jellyfin = Specs.media("jellyfin", "stack: home\n" + Specs.MINIMAL + TRANSCODING);
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withStack(
                Specs.stack(
                    "home",
                    """
        base: {securityProfile: Baseline}
        media: {securityProfile: Privileged}
        """));

    assertThat(validateService(jellyfin, facts).errors()).isEmpty();
  }

  @Test
  void theStacksCategoryDefaultsWinOverItsBase() {
    MediaService jellyfin = Specs.media("jellyfin", "stack: home\n" + Specs.MINIMAL + TRANSCODING);
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withStack(
                Specs.stack(
                    "home",
                    """
        base: {securityProfile: Privileged}
        media: {securityProfile: Baseline}
        """));

    assertThat(validateService(jellyfin, facts).errors())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("Baseline", "ServiceStack home spec.media.securityProfile");
  }

  @Test
  void offlineTheStacksProfileIsUnknownAndNotGuessed() {
    MediaService jellyfin = Specs.media("jellyfin", "stack: home\n" + Specs.MINIMAL + TRANSCODING);

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void forwardAuthOnAPortThatIsNotDeclaredIsAnError() {
    SecurityService authelia = authelia("auth");

    ValidationReport report = validateService(authelia, ClusterFacts.offline());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.security.forwardAuth.port");
              assertThat(error.message()).contains("auth", "[http, metrics]");
            });
  }

  @Test
  void forwardAuthOnADeclaredPortIsFine() {
    assertThat(validateService(authelia("http"), ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aSecurityServiceWithoutForwardAuthIsFine() {
    SecurityService crowdsec =
        Specs.security("crowdsec", Specs.MINIMAL + "security: {provider: Generic}\n");

    assertThat(validateService(crowdsec, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aMetricsServiceWithoutScrapeIsAWarning() {
    MonitoringService prometheus =
        Specs.monitoring("prometheus", Specs.MINIMAL + "monitoring: {role: Metrics}\n");

    ValidationReport report = validateService(prometheus, ClusterFacts.offline());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.monitoring.scrape");
              assertThat(warning.message()).contains("spec.monitoring.scrape", "Metrics");
            });
  }

  @Test
  void aMetricsServiceThatScrapesIsFine() {
    MonitoringService prometheus =
        Specs.monitoring(
            "prometheus",
            Specs.MINIMAL
                + """
        monitoring:
          role: Metrics
          scrape: {selector: {matchLabels: {app.kubernetes.io/part-of: home}}, interval: 30s}
        """);

    assertThat(validateService(prometheus, ClusterFacts.offline()).warnings()).isEmpty();
  }

  @Test
  void aDashboardsServiceNeedsNoScrape() {
    MonitoringService grafana =
        Specs.monitoring("grafana", Specs.MINIMAL + "monitoring: {role: Dashboards}\n");

    assertThat(validateService(grafana, ClusterFacts.offline()).warnings()).isEmpty();
  }

  private static SecurityService authelia(String forwardAuthPort) {
    return Specs.security(
        "authelia",
        Specs.MINIMAL
            + """
        ports: [{name: http, port: 9091}, {name: metrics, port: 9959}]
        security:
          provider: Authelia
          forwardAuth: {path: /api/verify, port: %s}
        """
                .formatted(forwardAuthPort));
  }
}
