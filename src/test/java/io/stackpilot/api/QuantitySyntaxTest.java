package io.stackpilot.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Kubernetes' quantity grammar, on the values the API server takes and the ones it refuses. */
class QuantitySyntaxTest {

  @Test
  void takesWhatTheApiServerTakes() {
    for (String quantity :
        new String[] {
          "1",
          "250m",
          "1.5Gi",
          "2Ki",
          "0.5",
          ".5",
          "1.",
          "1e3",
          "1E-3",
          "-1",
          "+2M",
          "100u",
          "3n",
          "1Ei",
          "12345678901234567890"
        }) {
      assertThat(QuantitySyntax.isQuantity(quantity)).as(quantity).isTrue();
    }
  }

  @Test
  void refusesWhatTheApiServerRefuses() {
    for (String text :
        new String[] {
          "1.5.5Gi", "1 Gi", "1gi", "1iG", "Gi", "", ".", "1Zi", "1e", "1e1.5", "NaN", "1Mi1",
          "--1", "1KiB"
        }) {
      assertThat(QuantitySyntax.isQuantity(text)).as(text).isFalse();
    }
  }

  @Test
  void aSizeHasNoSign() {
    assertThat("10Gi").matches(QuantitySyntax.SIZE);
    assertThat("-1Gi").doesNotMatch(QuantitySyntax.SIZE);
    assertThat("+1Gi").doesNotMatch(QuantitySyntax.SIZE);
  }
}
