package io.stackpilot.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stackpilot's own CRDs, as the jar carries them: all four are there, and CEL-java can compile
 * every rule in them, so that no rule of ours is ever reported as "not checked offline".
 */
class StackpilotCrdsTest {

  @Test
  void theJarCarriesTheFourKinds() {
    assertThat(StackpilotCrds.definitions())
        .extracting(CrdDefinition::kind)
        .containsExactly("ServiceStack", "MediaService", "SecurityService", "MonitoringService");
    assertThat(StackpilotCrds.definitions())
        .allSatisfy(
            crd -> {
              assertThat(crd.group()).isEqualTo("stackpilot.io");
              assertThat(crd.servedVersion("v1alpha1")).isPresent();
              assertThat(crd.shortNames()).isNotEmpty();
            });
  }

  @Test
  void celJavaCompilesEveryRuleOfOurCrds() {
    List<ValidationRule> rules = new ArrayList<>();
    StackpilotCrds.definitions()
        .forEach(crd -> crd.versions().forEach(v -> collect(v.schema(), rules)));
    CelRules cel = new CelRules();

    assertThat(rules).hasSizeGreaterThan(30);
    assertThat(rules)
        .allSatisfy(
            rule ->
                assertThat(cel.evaluate(rule, Map.of()).verdict())
                    .as(rule.rule())
                    .isNotEqualTo(RuleOutcome.Verdict.NOT_CHECKABLE));
  }

  private static void collect(StructuralSchema schema, List<ValidationRule> rules) {
    if (schema == null) {
      return;
    }
    rules.addAll(schema.rules());
    schema.properties().values().forEach(child -> collect(child, rules));
    collect(schema.items(), rules);
    collect(schema.additionalProperties(), rules);
  }
}
