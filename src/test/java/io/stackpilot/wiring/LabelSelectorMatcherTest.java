package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.matchExpression;
import static io.stackpilot.wiring.Services.matchLabels;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorMatcherTest {

  private static final Map<String, String> SONARR = Map.of("app", "sonarr", "tier", "media");

  @Test
  void anAbsentSelectorSelectsNothing() {
    assertThat(LabelSelectorMatcher.matches(null, SONARR)).isFalse();
    assertThat(LabelSelectorMatcher.matches(null, Map.of())).isFalse();
  }

  @Test
  void anEmptySelectorSelectsEverything() {
    assertThat(LabelSelectorMatcher.matches(new LabelSelector(), SONARR)).isTrue();
    assertThat(LabelSelectorMatcher.matches(new LabelSelector(), Map.of())).isTrue();
    assertThat(LabelSelectorMatcher.matches(new LabelSelector(), null)).isTrue();
  }

  @Test
  void matchLabelsNeedsEveryLabelWithItsValue() {
    assertThat(LabelSelectorMatcher.matches(matchLabels(Map.of("tier", "media")), SONARR)).isTrue();
    assertThat(LabelSelectorMatcher.matches(matchLabels(SONARR), SONARR)).isTrue();
    assertThat(LabelSelectorMatcher.matches(matchLabels(Map.of("tier", "security")), SONARR))
        .isFalse();
    assertThat(
            LabelSelectorMatcher.matches(
                matchLabels(Map.of("tier", "media", "exposed", "true")), SONARR))
        .isFalse();
    assertThat(LabelSelectorMatcher.matches(matchLabels(Map.of("tier", "media")), null)).isFalse();
  }

  @Test
  void matchLabelsComparesValuesExactly() {
    assertThat(LabelSelectorMatcher.matches(matchLabels(Map.of("tier", "Media")), SONARR))
        .isFalse();
    assertThat(LabelSelectorMatcher.matches(matchLabels(Map.of("tier", "")), Map.of("tier", "")))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(matchLabels(Map.of("tier", "")), Map.of())).isFalse();
  }

  @Test
  void inNeedsTheLabelWithOneOfTheValues() {
    assertThat(
            LabelSelectorMatcher.matches(
                matchExpression("tier", "In", "security", "media"), SONARR))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "In", "security"), SONARR))
        .isFalse();
    assertThat(LabelSelectorMatcher.matches(matchExpression("zone", "In", "media"), SONARR))
        .isFalse();
  }

  @Test
  void notInAdmitsAnAbsentLabelOrOneWithAnotherValue() {
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "NotIn", "security"), SONARR))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(matchExpression("zone", "NotIn", "media"), SONARR))
        .isTrue();
    assertThat(
            LabelSelectorMatcher.matches(
                matchExpression("tier", "NotIn", "security", "media"), SONARR))
        .isFalse();
  }

  @Test
  void existsNeedsTheLabelWhateverItsValue() {
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "Exists"), SONARR)).isTrue();
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "Exists"), Map.of("tier", "")))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(matchExpression("zone", "Exists"), SONARR)).isFalse();
  }

  @Test
  void doesNotExistNeedsTheLabelAbsent() {
    assertThat(LabelSelectorMatcher.matches(matchExpression("zone", "DoesNotExist"), SONARR))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(matchExpression("zone", "DoesNotExist"), null))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "DoesNotExist"), SONARR))
        .isFalse();
  }

  @Test
  void requirementsKubernetesRejectsSelectNothing() {
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "In"), SONARR)).isFalse();
    assertThat(LabelSelectorMatcher.matches(matchExpression("zone", "NotIn"), SONARR)).isFalse();
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "Exists", "media"), SONARR))
        .isFalse();
    assertThat(
            LabelSelectorMatcher.matches(matchExpression("zone", "DoesNotExist", "media"), SONARR))
        .isFalse();
  }

  @Test
  void operatorsAreSpelledAsKubernetesSpellsThem() {
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "in", "media"), SONARR))
        .isFalse();
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", "Equals", "media"), SONARR))
        .isFalse();
    assertThat(LabelSelectorMatcher.matches(matchExpression("tier", null, "media"), SONARR))
        .isFalse();
  }

  @Test
  void aRequirementWithoutAKeySelectsNothing() {
    assertThat(LabelSelectorMatcher.matches(matchExpression(null, "DoesNotExist"), SONARR))
        .isFalse();
  }

  @Test
  void matchLabelsAndEveryExpressionMustAllHold() {
    LabelSelector selector =
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("tier", "media"))
            .addToMatchExpressions(
                new LabelSelectorRequirementBuilder()
                    .withKey("app")
                    .withOperator("In")
                    .withValues("sonarr", "radarr")
                    .build())
            .addToMatchExpressions(
                new LabelSelectorRequirementBuilder()
                    .withKey("public")
                    .withOperator("DoesNotExist")
                    .build())
            .build();

    assertThat(LabelSelectorMatcher.matches(selector, SONARR)).isTrue();
    assertThat(LabelSelectorMatcher.matches(selector, Map.of("tier", "media", "app", "radarr")))
        .isTrue();
    assertThat(LabelSelectorMatcher.matches(selector, Map.of("tier", "security", "app", "sonarr")))
        .isFalse();
    assertThat(LabelSelectorMatcher.matches(selector, Map.of("tier", "media", "app", "jellyfin")))
        .isFalse();
    assertThat(
            LabelSelectorMatcher.matches(
                selector, Map.of("tier", "media", "app", "sonarr", "public", "yes")))
        .isFalse();
  }
}
