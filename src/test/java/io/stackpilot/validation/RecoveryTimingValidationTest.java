package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static io.stackpilot.validation.SpecValidator.validateStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryTimingValidationTest {

  @Test
  void aFailureWindowLongerThanTheProgressDeadlineIsAWarning() {
    ValidationReport report =
        validateService(
            sonarr("", "{failureWindow: 10m, progressDeadline: 5m}"), ClusterFacts.offline());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.recovery.failureWindow");
              assertThat(warning.message())
                  .contains(
                      "spec.recovery.failureWindow", "10m", "spec.recovery.progressDeadline", "5m");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{failureWindow: 2m, progressDeadline: 5m}",
        "{failureWindow: 5m, progressDeadline: 300s}",
        "{failureWindow: 4m}",
        "{}"
      })
  void aFailureWindowWithinTheProgressDeadlineIsFine(String recovery) {
    assertThat(validateService(sonarr("", recovery), ClusterFacts.offline()).warnings()).isEmpty();
  }

  @Test
  void aLongFailureWindowIsComparedWithTheBuiltInProgressDeadline() {
    assertThat(
            validateService(sonarr("", "{failureWindow: 10m}"), ClusterFacts.offline()).warnings())
        .singleElement()
        .satisfies(
            warning -> {
              assertThat(warning.field()).isEqualTo("spec.recovery.failureWindow");
              assertThat(warning.message()).contains("the built-in default");
            });
  }

  @Test
  void aShortProgressDeadlineIsComparedWithTheBuiltInFailureWindow() {
    assertThat(
            validateService(sonarr("", "{progressDeadline: 1m}"), ClusterFacts.offline())
                .warnings())
        .extracting(Finding::field)
        .containsExactly("spec.recovery.progressDeadline");
  }

  @Test
  void aLongFailureWindowIsComparedWithTheStacksProgressDeadline() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withStack(
                Specs.stack(
                    "home",
                    """
        base: {recovery: {progressDeadline: 20m}}
        media: {recovery: {progressDeadline: 8m}}
        """));

    assertThat(validateService(sonarr("stack: home\n", "{failureWindow: 10m}"), facts).warnings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("ServiceStack home spec.media.recovery.progressDeadline");
    assertThat(validateService(sonarr("stack: home\n", "{failureWindow: 6m}"), facts).warnings())
        .isEmpty();
  }

  @Test
  void timingTheServiceInheritsWhollyIsTheStacksToReport() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withStack(
                Specs.stack(
                    "home",
                    """
        base: {recovery: {failureWindow: 10m, progressDeadline: 5m}}
        """));
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    assertThat(validateService(sonarr, facts).warnings()).isEmpty();
  }

  @Test
  void offlineTheStacksTimingIsUnknownAndNotGuessed() {
    assertThat(
            validateService(sonarr("stack: home\n", "{failureWindow: 10m}"), ClusterFacts.offline())
                .warnings())
        .isEmpty();
  }

  @Test
  void theStackReportsTimingOfItsOwnDefaults() {
    ValidationReport report =
        validateStack(
            Specs.stack(
                "home",
                """
        base: {recovery: {failureWindow: 10m}}
        media: {recovery: {progressDeadline: 30m}}
        security: {recovery: {progressDeadline: 1m, failureWindow: 30s}}
        monitoring: {recovery: {progressDeadline: 2m}}
        """),
            ClusterFacts.offline());

    // base: 10m over the built-in 5m; media: fine; security: fine; monitoring: base's 10m over its
    // 2m.
    assertThat(report.warnings())
        .extracting(Finding::field)
        .containsExactly(
            "spec.base.recovery.failureWindow", "spec.monitoring.recovery.progressDeadline");
    assertThat(report.warnings().get(1).message()).contains("spec.base.recovery.failureWindow");
  }

  private static MediaService sonarr(String stack, String recovery) {
    return Specs.media("sonarr", stack + Specs.MINIMAL + "recovery: " + recovery + "\n");
  }
}
