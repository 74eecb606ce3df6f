package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static io.stackpilot.validation.SpecValidator.validateStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import org.junit.jupiter.api.Test;

class LiteralSecretValidationTest {

  private static final String PASSWORD = "correct-horse-battery-staple";
  private static final String API_KEY = "3f9a1c0b7e2d4a6f8b1c3e5d7f9a0b2c";

  @Test
  void aLiteralPasswordInEnvIsAnErrorThatPointsAtSecretKeyRef() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        env:
          - {name: TZ, value: Europe/Berlin}
          - {name: DB_PASSWORD, value: %s}
        """
                    .formatted(PASSWORD));

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.env[1].value");
              assertThat(error.message())
                  .contains("spec.env[1].value", "DB_PASSWORD", "valueFrom.secretKeyRef")
                  .doesNotContain(PASSWORD);
            });
  }

  @Test
  void aPasswordFromASecretIsFine() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        env:
          - name: DB_PASSWORD
            valueFrom: {secretKeyRef: {name: db, key: password}}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aGeneratedKeyUnderAnInnocentNameIsAnError() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        env:
          - {name: UPSTREAM, value: %s}
        """
                    .formatted(API_KEY));

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.env[0].value");
              assertThat(error.message()).contains("generated key").doesNotContain(API_KEY);
            });
  }

  @Test
  void literalSecretsInChannelEnvOverridesAreErrors() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            """
        channels:
          stable:
            image: lscr.io/linuxserver/sonarr:4.0.9
            env: [{name: GITHUB_TOKEN, value: %1$s}]
          beta:
            image: lscr.io/linuxserver/sonarr:4.0.10
            env: [{name: TZ, value: UTC}, {name: SONARR_API_KEY, value: %1$s}]
        env: [{name: TZ, value: Europe/Berlin}, {name: GITHUB_TOKEN, value: ""}, {name: SONARR_API_KEY, value: ""}]
        """
                .formatted(PASSWORD));

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors())
        .extracting(Finding::field)
        .containsExactly("spec.channels.stable.env[0].value", "spec.channels.beta.env[1].value");
  }

  @Test
  void aSecretInConfigIsAnErrorBecauseConfigBecomesAConfigMap() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            """
        channels:
          stable: {image: lscr.io/linuxserver/sonarr:4.0.9}
          beta:
            image: lscr.io/linuxserver/sonarr:4.0.10
            config: {ADMIN_PASSWORD: %1$s, LOG_LEVEL: debug}
        config:
          LOG_LEVEL: info
          ADMIN_PASSWORD: %1$s
        """
                .formatted(PASSWORD));

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.config[ADMIN_PASSWORD]", "spec.channels.beta.config[ADMIN_PASSWORD]");
    assertThat(report.errors())
        .allSatisfy(
            error ->
                assertThat(error.message())
                    .contains(error.field(), "ConfigMap", "secretKeyRef")
                    .doesNotContain(PASSWORD));
  }

  @Test
  void ordinaryConfigIsFine() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        config: {LOG_LEVEL: info, TOKEN_ENABLED: "false", PASSWORD_FILE: /run/secrets/admin}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void literalSecretsInStackDefaultsAreErrorsOfTheStack() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        base:
          env: [{name: TZ, value: Europe/Berlin}, {name: SMTP_PASSWORD, value: %1$s}]
        media:
          config: {PLEX_TOKEN: %1$s}
        monitoring:
          env: [{name: GRAFANA_API_KEY, value: %1$s}]
        """
                .formatted(PASSWORD));

    ValidationReport report = validateStack(home, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.base.env[1].value",
            "spec.media.config[PLEX_TOKEN]",
            "spec.monitoring.env[0].value");
    assertThat(report.errors())
        .allSatisfy(error -> assertThat(error.message()).doesNotContain(PASSWORD));
  }

  @Test
  void cleanStackDefaultsAreFine() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        base:
          env: [{name: TZ, value: Europe/Berlin}]
          config: {LOG_LEVEL: info}
        """);

    assertThat(validateStack(home, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aMemberIsNotBlamedForItsStacksLiteralSecrets() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        base:
          env: [{name: SMTP_PASSWORD, value: %s}]
        """
                .formatted(PASSWORD));
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    ValidationReport report = validateService(sonarr, ClusterFacts.emptyCluster().withStack(home));

    assertThat(report.errors()).isEmpty();
  }
}
