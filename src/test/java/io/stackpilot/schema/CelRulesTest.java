package io.stackpilot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL that Kubernetes rules rely on behaves in CEL-java as it does in the API server. */
class CelRulesTest {

  private final CelRules cel = new CelRules();

  @Test
  void durationsParseCompoundValuesAndCompare() {
    assertThat(verdict("duration(self) >= duration('1m')", "1h30m"))
        .isEqualTo(RuleOutcome.Verdict.PASSED);
    assertThat(verdict("duration(self) >= duration('1s')", "500ms"))
        .isEqualTo(RuleOutcome.Verdict.FAILED);
    assertThat(verdict("duration(self) >= duration('1s')", "2 minutes"))
        .isEqualTo(RuleOutcome.Verdict.ERROR);
  }

  @Test
  void macrosWorkOnListsAndOnTheKeysOfMaps() {
    List<Map<String, Object>> ports = List.of(Map.of("name", "http"), Map.of("name", "http"));

    assertThat(verdict("self.all(a, self.exists_one(b, b.name == a.name))", ports))
        .isEqualTo(RuleOutcome.Verdict.FAILED);
    assertThat(
            verdict("self.all(k, !k.startsWith('stackpilot.io/'))", Map.of("stackpilot.io/x", "1")))
        .isEqualTo(RuleOutcome.Verdict.FAILED);
    assertThat(verdict("self.exists(k, k == 'a')", Map.of("a", "1")))
        .isEqualTo(RuleOutcome.Verdict.PASSED);
  }

  @Test
  void matchesIsRe2AndUnanchored() {
    assertThat(verdict("self.matches('[0-9]')", "a1")).isEqualTo(RuleOutcome.Verdict.PASSED);
    assertThat(verdict("self.matches('^[0-9]+$')", "a1")).isEqualTo(RuleOutcome.Verdict.FAILED);
  }

  @Test
  void theStringsAndSetsExtensionsAreThere() {
    assertThat(verdict("self.lowerAscii() == 'abc'", "ABC")).isEqualTo(RuleOutcome.Verdict.PASSED);
    assertThat(verdict("sets.contains(self, ['a'])", List.of("a", "b")))
        .isEqualTo(RuleOutcome.Verdict.PASSED);
  }

  @Test
  void hasTellsAnAbsentFieldFromAPresentOne() {
    assertThat(verdict("!has(self.size)", Map.of("name", "x")))
        .isEqualTo(RuleOutcome.Verdict.PASSED);
    assertThat(verdict("self.size == '1Gi'", Map.of("name", "x")))
        .isEqualTo(RuleOutcome.Verdict.ERROR);
  }

  @Test
  void kubernetesOnlyFunctionsAreNotCheckableRatherThanFailed() {
    assertThat(verdict("quantity(self).isGreaterThan(quantity('1Gi'))", "2Gi"))
        .isEqualTo(RuleOutcome.Verdict.NOT_CHECKABLE);
    assertThat(verdict("isURL(self)", "https://example.org"))
        .isEqualTo(RuleOutcome.Verdict.NOT_CHECKABLE);
  }

  @Test
  void aFailedRuleWithoutMessageGetsTheApiServersDefault() {
    RuleOutcome outcome =
        cel.evaluate(new ValidationRule("self > 1", null, null, null, null, false), 0L);

    assertThat(outcome.detail()).isEqualTo("failed rule: self > 1");
  }

  private RuleOutcome.Verdict verdict(String rule, Object self) {
    return cel.evaluate(new ValidationRule(rule, "m", null, null, null, false), self).verdict();
  }
}
