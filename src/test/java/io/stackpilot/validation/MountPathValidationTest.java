package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import org.junit.jupiter.api.Test;

/** One thing mounted at each path, across volumes, files, libraries, scratch space and devices. */
class MountPathValidationTest {

  @Test
  void aPathMountedTwiceAcrossListsIsAnErrorOnTheSecond() {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + """
        storage:
          - {name: config, mountPath: /config, size: 1Gi}
        configFiles:
          - {path: /config, content: "x: 1"}
        media:
          libraries:
            - {name: tv, claimName: media, mountPath: /transcode}
          transcode:
            scratchSize: 10Gi
            devices: [/dev/dri, /dev/dri]
        securityProfile: Privileged
        """);

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.configFiles[0].path",
            "spec.media.transcode.scratchSize",
            "spec.media.transcode.devices[1]");
  }

  @Test
  void distinctPathsAreFine() {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + """
        storage:
          - {name: config, mountPath: /config, size: 1Gi}
        configFiles:
          - {path: /etc/jellyfin/extra.xml, content: "<x/>"}
        media:
          libraries:
            - {name: tv, claimName: media, mountPath: /data/tv}
          transcode: {scratchSize: 10Gi}
        """);

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void theDefaultPrometheusConfigurationPathCountsAsAMount() {
    MonitoringService ownFile =
        Specs.monitoring(
            "prometheus",
            Specs.MINIMAL
                + """
                configFiles:
                  - {path: /etc/prometheus/prometheus.yml, content: "global: {}"}
                monitoring:
                  role: Metrics
                  scrape: {selector: {}}
                """);
    MonitoringService elsewhere =
        Specs.monitoring(
            "prometheus",
            Specs.MINIMAL
                + """
                configFiles:
                  - {path: /etc/prometheus/prometheus.yml, content: "global: {}"}
                monitoring:
                  role: Metrics
                  scrape: {selector: {}, configPath: /etc/prometheus/stack.yml}
                """);

    assertThat(validateService(ownFile, ClusterFacts.offline()).errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.monitoring.scrape.configPath");
              assertThat(e.message())
                  .contains("/etc/prometheus/prometheus.yml")
                  .contains("spec.configFiles[0].path");
            });
    assertThat(validateService(elsewhere, ClusterFacts.offline()).errors()).isEmpty();
  }
}
