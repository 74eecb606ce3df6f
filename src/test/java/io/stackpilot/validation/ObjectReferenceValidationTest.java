package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static io.stackpilot.validation.SpecValidator.validateStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import org.junit.jupiter.api.Test;

class ObjectReferenceValidationTest {

  private static final MediaService SONARR_WITH_REFERENCES =
      Specs.media(
          "sonarr",
          Specs.MINIMAL
              + """
      env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
        - name: LOG_LEVEL
          valueFrom: {configMapKeyRef: {name: tuning, key: log-level}}
      """);

  @Test
  void aReferenceWithoutANameIsAnErrorNotAFailure() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        env:
          - name: TOKEN
            valueFrom: {secretKeyRef: {key: token}}
          - name: LEVEL
            valueFrom: {configMapKeyRef: {}}
        """);

    assertThat(
            validateService(sonarr, ClusterFacts.emptyCluster().withSecret("db", "password"))
                .errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.env[0].valueFrom.secretKeyRef.name",
            "spec.env[1].valueFrom.configMapKeyRef.name");
  }

  @Test
  void referencesToExistingKeysAreFine() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withSecret("db", "password")
            .withConfigMap("tuning", "log-level");

    assertThat(validateService(SONARR_WITH_REFERENCES, facts).errors()).isEmpty();
  }

  @Test
  void aMissingSecretOrConfigMapIsAnError() {
    ValidationReport report = validateService(SONARR_WITH_REFERENCES, ClusterFacts.emptyCluster());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.env[0].valueFrom.secretKeyRef.name",
            "spec.env[1].valueFrom.configMapKeyRef.name");
    assertThat(report.errors().get(0).message())
        .contains("DB_PASSWORD", "Secret db", "does not exist", "optional: true");
    assertThat(report.errors().get(1).message())
        .contains("LOG_LEVEL", "ConfigMap tuning", "does not exist");
  }

  @Test
  void aMissingKeyIsAnErrorThatListsTheKeysThereAre() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withSecret("db", "user", "pass")
            .withConfigMap("tuning", "level");

    ValidationReport report = validateService(SONARR_WITH_REFERENCES, facts);

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.env[0].valueFrom.secretKeyRef.key", "spec.env[1].valueFrom.configMapKeyRef.key");
    assertThat(report.errors().get(0).message())
        .contains("key password", "Secret db", "[pass, user]");
  }

  @Test
  void anOptionalReferenceMayBeMissing() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        env:
          - name: DB_PASSWORD
            valueFrom: {secretKeyRef: {name: db, key: password, optional: true}}
          - name: LOG_LEVEL
            valueFrom: {configMapKeyRef: {name: tuning, key: log-level, optional: true}}
        """);

    assertThat(validateService(sonarr, ClusterFacts.emptyCluster()).errors()).isEmpty();
  }

  @Test
  void referencesInChannelEnvOverridesAreChecked() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            """
        channels:
          stable:
            image: lscr.io/linuxserver/sonarr:4.0.9
            env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
          beta:
            image: lscr.io/linuxserver/sonarr:4.0.10
            env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db-beta, key: password}}}]
        env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]
        """);

    ValidationReport report =
        validateService(sonarr, ClusterFacts.emptyCluster().withSecret("db", "password"));

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly("spec.channels.beta.env[0].valueFrom.secretKeyRef.name");
  }

  @Test
  void offlineNothingIsLookedUp() {
    assertThat(validateService(SONARR_WITH_REFERENCES, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aMissingTlsSecretIsAWarning() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        ports: [{name: http, port: 8989}]
        expose: {host: sonarr.home.example, tls: {secretName: sonarr-tls}}
        """);

    ValidationReport missing = validateService(sonarr, ClusterFacts.emptyCluster());
    ValidationReport present =
        validateService(sonarr, ClusterFacts.emptyCluster().withSecret("sonarr-tls", "tls.crt"));

    assertThat(missing.errors()).isEmpty();
    assertThat(missing.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.expose.tls.secretName");
              assertThat(warning.message()).contains("sonarr-tls", "does not exist");
            });
    assertThat(present.warnings()).isEmpty();
  }

  @Test
  void missingPullSecretsOfTheStackAreAWarningOnTheMembersTheyApplyTo() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        base: {imagePullSecrets: [{name: regcred}]}
        media: {imagePullSecrets: [{name: ghcr}]}
        security: {imagePullSecrets: [{name: quay}]}
        """);
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    ValidationReport report = validateService(sonarr, ClusterFacts.emptyCluster().withStack(home));

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .extracting(Finding::field)
        .containsExactly("spec.stack", "spec.stack");
    assertThat(report.warnings())
        .extracting(Finding::message)
        .satisfiesExactly(
            base ->
                assertThat(base)
                    .contains("ServiceStack home", "spec.base.imagePullSecrets[0].name", "regcred"),
            media -> assertThat(media).contains("spec.media.imagePullSecrets[0].name", "ghcr"));
  }

  @Test
  void existingPullSecretsAreFine() {
    ServiceStack home = Specs.stack("home", "base: {imagePullSecrets: [{name: regcred}]}\n");
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    ClusterFacts facts =
        ClusterFacts.emptyCluster().withStack(home).withSecret("regcred", ".dockerconfigjson");

    assertThat(validateService(sonarr, facts).warnings()).isEmpty();
  }

  @Test
  void theStackChecksItsOwnReferences() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        base:
          env: [{name: SMTP_PASSWORD, valueFrom: {secretKeyRef: {name: smtp, key: password}}}]
          imagePullSecrets: [{name: regcred}]
        security:
          env: [{name: SESSION_SECRET, valueFrom: {secretKeyRef: {name: session, key: secret}}}]
        """);

    ValidationReport missing = validateStack(home, ClusterFacts.emptyCluster());
    ValidationReport present =
        validateStack(
            home,
            ClusterFacts.emptyCluster()
                .withSecret("smtp", "password")
                .withSecret("session", "secret")
                .withSecret("regcred", ".dockerconfigjson"));

    assertThat(missing.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.base.env[0].valueFrom.secretKeyRef.name",
            "spec.security.env[0].valueFrom.secretKeyRef.name");
    assertThat(missing.warnings())
        .extracting(Finding::field)
        .containsExactly("spec.base.imagePullSecrets[0].name");
    assertThat(present.errors()).isEmpty();
    assertThat(present.warnings()).isEmpty();
  }

  @Test
  void alertWebhooksNeedTheirUrlSecretAndKey() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        alerts:
          webhooks:
            - {name: ops, urlSecretRef: {name: alerts, key: url}}
            - {name: chat, urlSecretRef: {name: slack, key: webhook}, format: Slack}
        """);

    ValidationReport report =
        validateStack(home, ClusterFacts.emptyCluster().withSecret("slack", "url"));

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.alerts.webhooks[0].urlSecretRef.name",
            "spec.alerts.webhooks[1].urlSecretRef.key");
    assertThat(report.errors().get(0).message()).contains("Secret alerts", "ops", "does not exist");
    assertThat(report.errors().get(1).message()).contains("key webhook", "Secret slack", "[url]");
  }

  @Test
  void alertWebhooksWithTheirSecretsAreFine() {
    ServiceStack home =
        Specs.stack(
            "home",
            """
        alerts:
          webhooks: [{name: ops, urlSecretRef: {name: alerts, key: url}}]
        """);

    assertThat(
            validateStack(home, ClusterFacts.emptyCluster().withSecret("alerts", "url")).errors())
        .isEmpty();
    assertThat(validateStack(home, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aMissingStackIsAnError() {
    SecurityService authelia =
        Specs.security(
            "authelia",
            "stack: home\n"
                + Specs.MINIMAL
                + """
        security: {provider: Authelia}
        """);

    ValidationReport missing = validateService(authelia, ClusterFacts.emptyCluster());
    ValidationReport present =
        validateService(
            authelia,
            ClusterFacts.emptyCluster().withStack(Specs.stack("home", "channel: stable\n")));

    assertThat(missing.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.stack");
              assertThat(error.message()).contains("ServiceStack home", "does not exist");
            });
    assertThat(present.errors()).isEmpty();
  }
}
