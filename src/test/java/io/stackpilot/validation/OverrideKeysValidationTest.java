package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import org.junit.jupiter.api.Test;

class OverrideKeysValidationTest {

  @Test
  void aChannelConfigKeyTheServiceDoesNotDefineIsAWarning() {
    MediaService sonarr =
        sonarr(
            "",
            """
        config: {LOG_LEVEL: info}
        """,
            "config: {LOG_LEVLE: debug, LOG_LEVEL: debug}");

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.channels.beta.config[LOG_LEVLE]");
              assertThat(warning.message())
                  .contains("spec.channels.beta.config[LOG_LEVLE]", "overrides nothing", "typo");
            });
  }

  @Test
  void aChannelEnvOverrideTheServiceDoesNotDefineIsAWarning() {
    MediaService sonarr =
        sonarr(
            "",
            """
        env: [{name: TZ, value: Europe/Berlin}]
        """,
            "env: [{name: TZ, value: UTC}, {name: T_Z, value: UTC}]");

    assertThat(validateService(sonarr, ClusterFacts.offline()).warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.channels.beta.env[1].name");
              assertThat(warning.message()).contains("T_Z", "overrides nothing");
            });
  }

  @Test
  void overridesOfTheStableChannelAreCheckedToo() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            """
        channels:
          stable:
            image: lscr.io/linuxserver/sonarr:4.0.9
            config: {DEBUG: "1"}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).warnings())
        .extracting(Finding::field)
        .containsExactly("spec.channels.stable.config[DEBUG]");
  }

  @Test
  void overridesOfKeysTheServiceDefinesAreFine() {
    MediaService sonarr =
        sonarr(
            "",
            """
        env: [{name: TZ, value: Europe/Berlin}]
        config: {LOG_LEVEL: info}
        """,
            "env: [{name: TZ, value: UTC}]\n    config: {LOG_LEVEL: debug}");

    assertThat(validateService(sonarr, ClusterFacts.offline()).warnings()).isEmpty();
  }

  @Test
  void overridesOfKeysTheStackDefinesAreFine() {
    MediaService sonarr =
        sonarr(
            "stack: home\n", "", "env: [{name: TZ, value: UTC}]\n    config: {LOG_LEVEL: debug}");
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withStack(
                Specs.stack(
                    "home",
                    """
        base: {env: [{name: TZ, value: Europe/Berlin}]}
        media: {config: {LOG_LEVEL: info}}
        """));

    assertThat(validateService(sonarr, facts).warnings()).isEmpty();
  }

  @Test
  void keysOfAnotherCategoryOfTheStackDoNotCount() {
    MediaService sonarr = sonarr("stack: home\n", "", "config: {LOG_LEVEL: debug}");
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withStack(
                Specs.stack(
                    "home",
                    """
        monitoring: {config: {LOG_LEVEL: info}}
        """));

    assertThat(validateService(sonarr, facts).warnings())
        .extracting(Finding::field)
        .containsExactly("spec.channels.beta.config[LOG_LEVEL]");
  }

  @Test
  void offlineWithAStackTheKeysItDefinesAreUnknownAndNotGuessed() {
    MediaService sonarr = sonarr("stack: home\n", "", "config: {LOG_LEVEL: debug}");

    assertThat(validateService(sonarr, ClusterFacts.offline()).warnings()).isEmpty();
  }

  private static MediaService sonarr(String stack, String serviceSettings, String betaOverrides) {
    return Specs.media(
        "sonarr",
        stack
            + """
        channels:
          stable: {image: lscr.io/linuxserver/sonarr:4.0.9}
          beta:
            image: lscr.io/linuxserver/sonarr:4.0.10
            %s
        """
                .formatted(betaOverrides)
            + serviceSettings);
  }
}
