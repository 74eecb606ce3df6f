package io.stackpilot.schema;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates x-kubernetes-validations rules with CEL-java. The environment has what the rules in
 * crds/ use (has, all, exists, exists_one, size, matches, startsWith, endsWith, duration and its
 * comparisons), plus the strings and sets extensions that the API server also offers. Kubernetes'
 * own libraries (quantity, url, ip, cidr, semver, format, list helpers such as isSorted) are not in
 * CEL-java: a rule that calls one does not compile here and is reported as not checkable offline,
 * never as passed.
 */
final class CelRules {

  private final Cel rules;
  private final Cel messages;
  private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

  CelRules() {
    CelOptions options = CelOptions.current().build();
    this.rules = environment(options).setResultType(SimpleType.BOOL).build();
    this.messages = environment(options).setResultType(SimpleType.STRING).build();
  }

  private static dev.cel.bundle.CelBuilder environment(CelOptions options) {
    return CelFactory.standardCelBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar("self", SimpleType.DYN)
        .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(options))
        .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(options));
  }

  RuleOutcome evaluate(ValidationRule rule, Object self) {
    Compiled program = compiled.computeIfAbsent(rule.rule(), text -> compile(rules, text));
    if (program.program() == null) {
      return new RuleOutcome(RuleOutcome.Verdict.NOT_CHECKABLE, program.error());
    }
    try {
      Object result = program.program().eval(Map.of("self", self));
      if (Boolean.TRUE.equals(result)) {
        return RuleOutcome.passed();
      }
      return new RuleOutcome(RuleOutcome.Verdict.FAILED, message(rule, self));
    } catch (CelEvaluationException | RuntimeException e) {
      return new RuleOutcome(RuleOutcome.Verdict.ERROR, firstLine(e.getMessage()));
    }
  }

  /**
   * The messageExpression's result when it gives one, else the message, else the API server's
   * default.
   */
  private String message(ValidationRule rule, Object self) {
    if (rule.messageExpression() != null) {
      Compiled expression =
          compiled.computeIfAbsent(
              "message:" + rule.messageExpression(),
              key -> compile(messages, rule.messageExpression()));
      if (expression.program() != null) {
        try {
          Object text = expression.program().eval(Map.of("self", self));
          if (text instanceof String s && !s.isBlank()) {
            return s;
          }
        } catch (CelEvaluationException | RuntimeException e) {
          // The API server also falls back to the static message when the expression fails.
        }
      }
    }
    if (rule.message() != null && !rule.message().isBlank()) {
      return rule.message();
    }
    return "failed rule: " + rule.rule();
  }

  private static Compiled compile(Cel environment, String expression) {
    try {
      CelAbstractSyntaxTree ast = environment.compile(expression).getAst();
      return new Compiled(environment.createProgram(ast), null);
    } catch (CelValidationException e) {
      return new Compiled(null, "CEL-java cannot compile it: " + firstLine(e.getMessage()));
    } catch (CelEvaluationException e) {
      return new Compiled(null, "CEL-java cannot plan it: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private record Compiled(CelRuntime.Program program, String error) {}
}
