package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependsOnValidationTest {

  private static final ServiceRef SONARR = new ServiceRef(ServiceKind.MEDIA_SERVICE, "sonarr");
  private static final ServiceRef PROWLARR = new ServiceRef(ServiceKind.MEDIA_SERVICE, "prowlarr");
  private static final ServiceRef AUTHELIA =
      new ServiceRef(ServiceKind.SECURITY_SERVICE, "authelia");
  private static final ServiceRef PROMETHEUS =
      new ServiceRef(ServiceKind.MONITORING_SERVICE, "prometheus");

  @Test
  void dependingOnAnExistingServiceIsFine() {
    ClusterFacts facts = ClusterFacts.emptyCluster().withService(AUTHELIA, List.of());

    assertThat(validateService(sonarr("- {kind: SecurityService, name: authelia}"), facts).errors())
        .isEmpty();
  }

  @Test
  void dependingOnAMissingServiceIsAWarningBecauseItMayComeLater() {
    // A MediaService named authelia does not make the SecurityService authelia exist.
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withService(new ServiceRef(ServiceKind.MEDIA_SERVICE, "authelia"), List.of());

    ValidationReport report =
        validateService(sonarr("- {kind: SecurityService, name: authelia}"), facts);

    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.dependsOn[0]");
              assertThat(warning.message())
                  .contains("spec.dependsOn[0]", "SecurityService/authelia", "does not exist");
            });
  }

  @Test
  void dependingOnItselfIsAnErrorEvenOffline() {
    ValidationReport report =
        validateService(
            sonarr(
                """
        - {kind: SecurityService, name: authelia}
        - {kind: MediaService, name: sonarr}
        """),
            ClusterFacts.offline());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.dependsOn[1]");
              assertThat(error.message()).contains("itself", "MediaService/sonarr");
            });
  }

  @Test
  void aSameNamedServiceOfAnotherKindIsNotItself() {
    ValidationReport report =
        validateService(sonarr("- {kind: SecurityService, name: sonarr}"), ClusterFacts.offline());

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void twoServicesDependingOnEachOtherAreACycle() {
    ClusterFacts facts = ClusterFacts.emptyCluster().withService(PROWLARR, List.of(SONARR));

    ValidationReport report =
        validateService(sonarr("- {kind: MediaService, name: prowlarr}"), facts);

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.dependsOn[0]");
              assertThat(error.message())
                  .contains("MediaService/sonarr -> MediaService/prowlarr -> MediaService/sonarr");
            });
  }

  @Test
  void aLongerCycleAcrossKindsIsNamedWhole() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withService(AUTHELIA, List.of(PROMETHEUS))
            .withService(PROMETHEUS, List.of(PROWLARR))
            .withService(PROWLARR, List.of(SONARR));

    ValidationReport report =
        validateService(sonarr("- {kind: SecurityService, name: authelia}"), facts);

    assertThat(report.errors())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains(
            "MediaService/sonarr -> SecurityService/authelia -> MonitoringService/prometheus -> MediaService/prowlarr"
                + " -> MediaService/sonarr");
  }

  @Test
  void aDiamondIsNotACycle() {
    // sonarr -> authelia -> prometheus and sonarr -> prowlarr -> prometheus
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withService(AUTHELIA, List.of(PROMETHEUS))
            .withService(PROWLARR, List.of(PROMETHEUS))
            .withService(PROMETHEUS, List.of());

    ValidationReport report =
        validateService(
            sonarr(
                """
        - {kind: SecurityService, name: authelia}
        - {kind: MediaService, name: prowlarr}
        """),
            facts);

    assertThat(report.errors()).isEmpty();
  }

  @Test
  void eachDependencyThatLeadsBackIsReported() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withService(AUTHELIA, List.of(SONARR))
            .withService(PROMETHEUS, List.of())
            .withService(PROWLARR, List.of(AUTHELIA));

    ValidationReport report =
        validateService(
            sonarr(
                """
        - {kind: SecurityService, name: authelia}
        - {kind: MonitoringService, name: prometheus}
        - {kind: MediaService, name: prowlarr}
        """),
            facts);

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly("spec.dependsOn[0]", "spec.dependsOn[2]");
  }

  @Test
  void theClustersCopyOfThisServiceDoesNotMakeACycle() {
    // The cluster still has an older sonarr that depended on prowlarr, which depends on sonarr; the
    // spec being validated no longer depends on prowlarr.
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withService(SONARR, List.of(PROWLARR))
            .withService(PROWLARR, List.of(SONARR))
            .withService(AUTHELIA, List.of());

    assertThat(validateService(sonarr("- {kind: SecurityService, name: authelia}"), facts).errors())
        .isEmpty();
  }

  @Test
  void offlineNeitherExistenceNorCyclesAreChecked() {
    assertThat(
            validateService(
                    sonarr("- {kind: SecurityService, name: authelia}"), ClusterFacts.offline())
                .errors())
        .isEmpty();
  }

  private static MediaService sonarr(String dependsOn) {
    return Specs.media("sonarr", Specs.MINIMAL + "dependsOn:\n" + dependsOn.indent(2));
  }
}
