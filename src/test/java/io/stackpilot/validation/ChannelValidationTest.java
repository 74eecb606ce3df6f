package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import org.junit.jupiter.api.Test;

class ChannelValidationTest {

  private static final ServiceStack BETA_STACK = Specs.stack("home", "channel: beta\n");

  @Test
  void channelBetaWithoutABetaImageIsAnErrorNamingBothFields() {
    MediaService sonarr = Specs.media("sonarr", "channel: beta\n" + Specs.MINIMAL);

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.channel");
              assertThat(error.message()).contains("spec.channels.beta", "spec.channel");
            });
  }

  @Test
  void channelBetaWithABetaImageIsFine() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            """
        channel: beta
        channels:
          stable: {image: lscr.io/linuxserver/sonarr:4.0.9}
          beta: {image: lscr.io/linuxserver/sonarr:4.0.10}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aStackOnBetaPutsMembersWithoutTheirOwnChannelOnBeta() {
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    ValidationReport report =
        validateService(sonarr, ClusterFacts.emptyCluster().withStack(BETA_STACK));

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.channels.beta");
              assertThat(error.message())
                  .contains("spec.channels.beta", "ServiceStack home spec.channel", "spec.channel");
            });
  }

  @Test
  void aMemberThatChoosesStableIgnoresTheStacksBeta() {
    MediaService sonarr = Specs.media("sonarr", "stack: home\nchannel: stable\n" + Specs.MINIMAL);

    assertThat(validateService(sonarr, ClusterFacts.emptyCluster().withStack(BETA_STACK)).errors())
        .isEmpty();
  }

  @Test
  void aStackOnStableNeedsNoBetaImage() {
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);
    ServiceStack stable = Specs.stack("home", "channel: stable\n");

    assertThat(validateService(sonarr, ClusterFacts.emptyCluster().withStack(stable)).errors())
        .isEmpty();
  }

  @Test
  void offlineTheStacksChannelIsUnknownAndNotGuessed() {
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void aMissingStackIsReportedOnceRatherThanAsEverythingItWouldSet() {
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    assertThat(validateService(sonarr, ClusterFacts.emptyCluster()).errors())
        .extracting(Finding::field)
        .containsExactly("spec.stack");
  }

  @Test
  void betaStagesWhosePercentDecreasesAreErrors() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        betaRollout:
          stages:
            - {name: limited, percent: 50, soak: 10m}
            - {name: extended, percent: 10, soak: 30m}
            - {name: wider, percent: 20, soak: 30m}
            - {name: open, percent: 100, soak: 1h}
        """);

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly(
            "spec.betaRollout.stages[1].percent", "spec.betaRollout.stages[2].percent");
    assertThat(report.errors().get(0).message())
        .contains("extended", "10", "limited", "50", "order the stages");
  }

  @Test
  void betaStagesThatGrowOrHoldAreFine() {
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        betaRollout:
          stages:
            - {name: limited, percent: 10, soak: 10m}
            - {name: steady, percent: 10, soak: 10m}
            - {name: open, percent: 100, soak: 1h}
        """);

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors()).isEmpty();
  }
}
