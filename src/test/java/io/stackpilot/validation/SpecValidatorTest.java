package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static io.stackpilot.validation.SpecValidator.validateStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStack;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The validator as a whole: every finding at once, offline mode, and what every message must be.
 */
class SpecValidatorTest {

  private static final String SECRET = "s3cr3t-Value-That-Must-Not-Leak";

  private static final ServiceStack HOME =
      Specs.stack(
          "home",
          """
      channel: stable
      base:
        env: [{name: TZ, value: Europe/Berlin}]
        imagePullSecrets: [{name: regcred}]
        recovery: {failureWindow: 2m, progressDeadline: 5m}
      media:
        config: {LOG_LEVEL: info}
      """);

  private static final MediaService SONARR =
      Specs.media(
          "sonarr",
          """
      stack: home
      channel: beta
      channels:
        stable: {image: lscr.io/linuxserver/sonarr:4.0.9}
        beta:
          image: lscr.io/linuxserver/sonarr:4.0.10.2544-develop
          env: [{name: TZ, value: UTC}]
          config: {LOG_LEVEL: debug}
      replicas: 1
      ports: [{name: http, port: 8989}]
      env:
        - {name: PUID, value: "1000"}
        - name: SONARR__AUTH__APIKEY
          valueFrom: {secretKeyRef: {name: sonarr, key: api-key}}
      config: {SONARR__LOG__DBENABLED: "false"}
      storage:
        - {name: config, mountPath: /config, size: 2Gi}
        - {name: downloads, mountPath: /downloads, existingClaim: downloads}
      health: {http: {path: /ping, port: http}}
      recovery: {failureWindow: 3m}
      betaRollout:
        stages:
          - {name: limited, percent: 10, soak: 10m}
          - {name: open, percent: 100, soak: 1h}
      dependsOn: [{kind: MediaService, name: prowlarr}]
      expose: {host: sonarr.home.example, tls: {secretName: sonarr-tls}}
      media:
        libraries: [{name: tv, claimName: media, mountPath: /data/tv}]
      """);

  private static final ClusterFacts HOME_CLUSTER =
      ClusterFacts.emptyCluster()
          .withStack(HOME)
          .withSecret("regcred", ".dockerconfigjson")
          .withSecret("sonarr", "api-key")
          .withSecret("sonarr-tls", "tls.crt", "tls.key")
          .withClaim("downloads")
          .withClaim("media")
          .withService(new ServiceRef(ServiceKind.MEDIA_SERVICE, "prowlarr"), List.of());

  /** Everything wrong at once: single-object, inherited and cross-object problems. */
  private static final MediaService BROKEN =
      Specs.media(
          "jellyfin",
          """
      stack: media
      channel: beta
      channels:
        stable: {image: jellyfin/jellyfin:10.10.0}
      replicas: 2
      env:
        - {name: JELLYFIN_PASSWORD, value: %1$s}
        - name: DB
          valueFrom: {secretKeyRef: {name: jellyfin-db, key: url}}
      config: {API_KEY: %1$s}
      storage:
        - {name: config, mountPath: /config, size: 2Gi}
        - {name: media, mountPath: /media, existingClaim: media}
      recovery: {failureWindow: 10m, progressDeadline: 5m}
      betaRollout:
        stages:
          - {name: limited, percent: 50, soak: 10m}
          - {name: extended, percent: 20, soak: 10m}
          - {name: open, percent: 100, soak: 10m}
      dependsOn:
        - {kind: MediaService, name: jellyfin}
        - {kind: SecurityService, name: authelia}
      ports: [{name: http, port: 8096}]
      expose: {host: jellyfin.home.example, tls: {secretName: jellyfin-tls}}
      media:
        transcode: {devices: [/dev/dri]}
      """
              .formatted(SECRET));

  @Test
  void aServiceWithoutASpecIsOneErrorOnSpecNotAFailure() {
    MediaService stored = new MediaService();
    stored.setMetadata(new ObjectMetaBuilder().withName("old").withNamespace("home").build());

    assertThat(validateService(stored, ClusterFacts.emptyCluster().withStack(HOME)).errors())
        .singleElement()
        .satisfies(error -> assertThat(error.field()).isEqualTo("spec"));
  }

  @Test
  void aRealisticServiceInAClusterThatHasEverythingItNeedsIsClean() {
    ValidationReport report = validateService(SONARR, HOME_CLUSTER);

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ValidationReport report = validateService(BROKEN, ClusterFacts.emptyCluster());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.env[0].value",
            "spec.config[API_KEY]",
            "spec.dependsOn[0]",
            "spec.betaRollout.stages[1].percent",
            "spec.storage[0].accessMode",
            "spec.channel",
            "spec.stack",
            "spec.env[1].valueFrom.secretKeyRef.name",
            "spec.storage[1].existingClaim");
    assertThat(report.warnings())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.recovery.failureWindow", "spec.expose.tls.secretName", "spec.dependsOn[1]");
  }

  @Test
  void offlineOnlyWhatTheObjectShowsByItselfIsReported() {
    ValidationReport report = validateService(BROKEN, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.env[0].value",
            "spec.config[API_KEY]",
            "spec.dependsOn[0]",
            "spec.betaRollout.stages[1].percent",
            "spec.storage[0].accessMode",
            "spec.channel");
    assertThat(report.warnings())
        .extracting(Finding::field)
        .containsExactly("spec.recovery.failureWindow");
  }

  @Test
  void withoutAStackTheDefaultsAreKnownAndInheritedChecksRunOffline() {
    MediaService standalone =
        Specs.media("jellyfin", Specs.MINIMAL + "media: {transcode: {devices: [/dev/dri]}}\n");

    assertThat(validateService(standalone, ClusterFacts.offline()).errors())
        .extracting(Finding::field)
        .containsExactly("spec.media.transcode.devices");
  }

  @Test
  void everyMessageNamesItsFieldAndNeverTheSecret() {
    ValidationReport service = validateService(BROKEN, ClusterFacts.emptyCluster());
    ValidationReport stack =
        validateStack(
            Specs.stack(
                "media",
                """
        base:
          env: [{name: SMTP_PASSWORD, value: %1$s}]
          config: {ADMIN_TOKEN: %1$s}
          imagePullSecrets: [{name: regcred}]
          recovery: {failureWindow: 10m}
        alerts:
          webhooks: [{name: ops, urlSecretRef: {name: alerts, key: url}}]
        """
                    .formatted(SECRET)),
            ClusterFacts.emptyCluster());

    List<Finding> all =
        Stream.of(service.errors(), service.warnings(), stack.errors(), stack.warnings())
            .flatMap(List::stream)
            .toList();
    assertThat(all)
        .hasSizeGreaterThan(15)
        .allSatisfy(
            finding -> {
              assertThat(finding.message()).contains(finding.field()).doesNotContain(SECRET);
              assertThat(finding.message()).containsAnyOf(": ", "; ");
            });
  }

  @Test
  void aStacksProblemsAreReportedAtOnceAndItsReferencesOnlyOnline() {
    ServiceStack stack =
        Specs.stack(
            "home",
            """
        base:
          env: [{name: SMTP_PASSWORD, value: %s}]
          imagePullSecrets: [{name: regcred}]
        alerts:
          webhooks: [{name: ops, urlSecretRef: {name: alerts, key: url}}]
        """
                .formatted(SECRET));

    ValidationReport online = validateStack(stack, ClusterFacts.emptyCluster());
    ValidationReport offline = validateStack(stack, ClusterFacts.offline());

    assertThat(online.errors())
        .extracting(Finding::field)
        .containsExactly("spec.base.env[0].value", "spec.alerts.webhooks[0].urlSecretRef.name");
    assertThat(online.warnings())
        .extracting(Finding::field)
        .containsExactly("spec.base.imagePullSecrets[0].name");
    assertThat(offline.errors())
        .extracting(Finding::field)
        .containsExactly("spec.base.env[0].value");
    assertThat(offline.warnings()).isEmpty();
  }

  @Test
  void aCleanStackIsClean() {
    ValidationReport report =
        validateStack(HOME, ClusterFacts.emptyCluster().withSecret("regcred", ".dockerconfigjson"));

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
  }
}
