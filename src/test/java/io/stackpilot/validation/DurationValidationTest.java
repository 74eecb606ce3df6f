package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static io.stackpilot.validation.SpecValidator.validateStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import org.junit.jupiter.api.Test;

/**
 * Durations that pass the CRD's pattern but not a reconcile's arithmetic, or that make no sense.
 */
class DurationValidationTest {

  @Test
  void aSoakNoDurationHoldsAndAWindowOverAYearAreErrorsOnTheirFields() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        recovery: {restartWindow: 9000h}
        betaRollout:
          stages:
            - {name: limited, percent: 10, soak: 10m}
            - {name: open, percent: 100, soak: 99999999999999999999h}
        """);

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly("spec.recovery.restartWindow", "spec.betaRollout.stages[1].soak");
    assertThat(report.errors().get(0).message()).contains("longer than a year");
    assertThat(report.errors().get(1).message()).contains("longer than any duration");
  }

  @Test
  void aStackDefaultOverAYearIsAnErrorOnTheStack() {
    assertThat(
            validateStack(
                    Specs.stack("home", "base: {recovery: {failureWindow: 100000h}}"),
                    ClusterFacts.offline())
                .errors())
        .extracting(Finding::field)
        .contains("spec.base.recovery.failureWindow");
  }

  @Test
  void aStartupBudgetOverAYearIsAnErrorOnItsFieldInAServiceAndInAStack() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        health: {startup: {timeout: 10000h}}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors())
        .extracting(Finding::field)
        .containsExactly("spec.health.startup.timeout");
    assertThat(
            validateStack(
                    Specs.stack("home", "media: {health: {startup: {timeout: 99999999999999h}}}"),
                    ClusterFacts.offline())
                .errors())
        .extracting(Finding::field)
        .containsExactly("spec.media.health.startup.timeout");
  }

  @Test
  void ordinaryDurationsAreFine() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        recovery: {failureWindow: 2m, progressDeadline: 5m, restartWindow: 720h}
        health: {startup: {timeout: 6h}}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors()).isEmpty();
  }
}
