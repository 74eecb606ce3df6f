package io.stackpilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "250ms, PT0.25S",
    "90s, PT1M30S",
    "2m, PT2M",
    "1h, PT1H",
    "1h30m, PT1H30M",
    "1h0m5s, PT1H5S",
    "0s, PT0S",
    // Units may repeat and come in any order: the parts add up.
    "30m1h, PT1H30M",
    "1m1m, PT2M",
    "1s500ms, PT1.5S",
  })
  void parsesEveryUnitAndAddsTheParts(String text, Duration expected) {
    assertThat(Durations.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {"5", "m", "1d", "1.5h", "-1m", "1h 30m", "1H", " 1m", "1m ", "1ms5", "PT1M"})
  void rejectsWhatIsNotANumberAndAUnit(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is not a duration")
        .hasMessageContaining("e.g. 90s or 1h30m");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999h", "9999999999999999h", "9223372036854775807h1h"})
  void aDurationNoJavaDurationHoldsIsAnIllegalArgumentNotAnArithmeticError(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than any duration");
  }

  @Test
  void anErrorInAFieldNamesTheField() {
    assertThatThrownBy(() -> Durations.parse("spec.recovery.failureWindow", "2 minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spec.recovery.failureWindow: '2 minutes' is not a duration");
  }

  @Test
  void aValidFieldParsesLikeTheBareForm() {
    assertThat(Durations.parse("spec.recovery.restartWindow", "30m"))
        .isEqualTo(Duration.ofMinutes(30));
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({
    "PT0S, 0s",
    "PT0.25S, 250ms",
    "PT1M30S, 1m30s",
    "PT2M, 2m",
    "PT1H, 1h",
    "PT1H30M, 1h30m",
    "PT1H5S, 1h5s",
    "PT1H1M1.001S, 1h1m1s1ms",
    // Hours do not roll over into days: specs have no day unit.
    "PT49H, 49h",
  })
  void formatsTheShortestSpelling(Duration duration, String expected) {
    assertThat(Durations.format(duration)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} survives a round trip")
  @ValueSource(strings = {"0s", "10m", "1h", "1h30m", "2h0m1s", "90s", "1500ms"})
  void formattingWhatWasParsedGivesAnEqualDuration(String text) {
    Duration parsed = Durations.parse(text);
    assertThat(Durations.parse(Durations.format(parsed))).isEqualTo(parsed);
  }
}
