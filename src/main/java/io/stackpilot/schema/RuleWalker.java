package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Evaluates every x-kubernetes-validations rule where the object has a value for it, depth first,
 * as the API server does: a rule on a list item runs once per item, a rule on a map value once per
 * entry. A failed rule is reported at its node, or at its fieldPath below the node.
 */
final class RuleWalker {

  private final CelRules cel;
  private final List<Violation> errors;
  private final List<Violation> warnings;

  RuleWalker(CelRules cel, List<Violation> errors, List<Violation> warnings) {
    this.cel = cel;
    this.errors = errors;
    this.warnings = warnings;
  }

  void walk(JsonNode value, StructuralSchema schema, FieldPath path, Object rootSelf) {
    if (schema == null || value == null || value.isNull()) {
      return;
    }
    if (!schema.rules().isEmpty()) {
      Object self = rootSelf != null ? rootSelf : CelValues.of(value, schema);
      for (ValidationRule rule : schema.rules()) {
        if (!rule.isTransitionRule()) {
          report(rule, cel.evaluate(rule, self), path);
        }
      }
    }
    if (value.isObject()) {
      boolean map = schema.isMap();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        FieldPath child = map ? path.key(field.getKey()) : path.child(field.getKey());
        walk(field.getValue(), schema.field(field.getKey()), child, null);
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), schema.items(), path.index(i), null);
      }
    }
  }

  private void report(ValidationRule rule, RuleOutcome outcome, FieldPath path) {
    switch (outcome.verdict()) {
      case PASSED -> {}
      case FAILED -> {
        FieldPath field = rule.fieldPath() == null ? path : path.resolve(rule.fieldPath());
        errors.add(new Violation(field, typeOf(rule.reason()), outcome.detail()));
      }
      case ERROR ->
          errors.add(
              new Violation(
                  path,
                  ViolationType.INVALID,
                  (rule.message() != null ? rule.message() : "the rule `" + rule.rule() + "`")
                      + "; the rule could not even be evaluated on this value: "
                      + outcome.detail()
                      + " (fix the value: the API server rejects it too)"));
      case NOT_CHECKABLE ->
          warnings.add(
              new Violation(
                  path,
                  ViolationType.INVALID,
                  "the rule `"
                      + rule.rule()
                      + "` was not checked offline: "
                      + outcome.detail()
                      + " (the API server checks it at apply)"));
    }
  }

  private static ViolationType typeOf(String reason) {
    if (reason == null) {
      return ViolationType.INVALID;
    }
    return switch (reason) {
      case "FieldValueForbidden" -> ViolationType.FORBIDDEN;
      case "FieldValueRequired" -> ViolationType.REQUIRED;
      case "FieldValueDuplicate" -> ViolationType.DUPLICATE;
      default -> ViolationType.INVALID;
    };
  }
}
