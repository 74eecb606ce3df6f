package io.stackpilot.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.schema.StructuralSchema;
import io.stackpilot.schema.ValidationRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How the API reference describes one schema node: its type, constraints, default and rules. */
final class FieldFacts {

  private FieldFacts() {}

  static String type(StructuralSchema schema) {
    if (schema.intOrString()) {
      return "integer or string";
    }
    String type = schema.type() == null ? "any" : schema.type();
    if ("array".equals(type) && schema.items() != null) {
      type = "array of " + type(schema.items());
      if (schema.listType() != null) {
        type +=
            schema.listMapKeys().isEmpty()
                ? " (" + schema.listType() + ")"
                : " (map keyed by " + String.join(", ", schema.listMapKeys()) + ")";
      }
    } else if ("object".equals(type) && schema.isMap()) {
      type = "map of " + type(schema.additionalProperties());
    }
    return schema.nullable() ? type + ", nullable" : type;
  }

  static String constraints(StructuralSchema schema) {
    List<String> parts = new ArrayList<>();
    if (!schema.enumValues().isEmpty()) {
      parts.add(
          "one of "
              + schema.enumValues().stream()
                  .map(v -> Markdown.code(v.asText()))
                  .collect(Collectors.joining(", ")));
    }
    if (schema.pattern() != null) {
      parts.add("matches " + Markdown.code(schema.pattern()));
    }
    range(
        "",
        schema.minimum(),
        schema.exclusiveMinimum(),
        schema.maximum(),
        schema.exclusiveMaximum(),
        parts);
    size("characters", schema.minLength(), schema.maxLength(), parts);
    size("items", schema.minItems(), schema.maxItems(), parts);
    size("entries", schema.minProperties(), schema.maxProperties(), parts);
    if (schema.preserveUnknownFields()) {
      parts.add("any fields kept");
    }
    scalarBelow("each item", schema.items(), parts);
    scalarBelow("each value", schema.isMap() ? schema.additionalProperties() : null, parts);
    return String.join("; ", parts);
  }

  /**
   * List items and map values without fields of their own have no table: their constraints go here.
   */
  private static void scalarBelow(String which, StructuralSchema below, List<String> parts) {
    if (below == null || !below.properties().isEmpty()) {
      return;
    }
    String constraints = constraints(below);
    if (!constraints.isEmpty()) {
      parts.add(which + ": " + constraints);
    }
  }

  /** The rules of a field, and of its items or map values when those have no table of their own. */
  static String rulesOf(StructuralSchema schema) {
    List<String> parts = new ArrayList<>();
    if (!schema.rules().isEmpty()) {
      parts.add(rules(schema.rules()));
    }
    for (StructuralSchema below :
        new StructuralSchema[] {
          schema.items(), schema.isMap() ? schema.additionalProperties() : null
        }) {
      if (below != null && below.properties().isEmpty() && !below.rules().isEmpty()) {
        parts.add(
            (below == schema.items() ? "each item: " : "each value: ") + rules(below.rules()));
      }
    }
    return String.join("<br>", parts);
  }

  static String defaultValue(StructuralSchema schema) {
    JsonNode value = schema.defaultValue();
    if (value == null) {
      return "";
    }
    return Markdown.code(value.isTextual() ? value.asText() : value.toString());
  }

  /** Each rule with what the API server says when it fails; transition rules are marked as such. */
  static String rules(List<ValidationRule> rules) {
    return rules.stream().map(rule -> rule(rule, true)).collect(Collectors.joining("<br>"));
  }

  /** One rule as a line of text outside a table. */
  static String ruleOutsideTable(ValidationRule rule) {
    return rule(rule, false);
  }

  private static String rule(ValidationRule rule, boolean inTable) {
    StringBuilder text =
        new StringBuilder(
            inTable ? Markdown.code(rule.rule()) : Markdown.codeOutsideTable(rule.rule()));
    if (rule.fieldPath() != null) {
      text.append(" (reported at ").append(Markdown.code(rule.fieldPath())).append(")");
    }
    if (rule.isTransitionRule()) {
      text.append(" (on update only)");
    }
    String message =
        rule.message() != null
            ? rule.message()
            : rule.messageExpression() != null
                ? "computed by " + rule.messageExpression()
                : "failed rule";
    return text.append(": ").append(Markdown.cell(message)).toString();
  }

  private static void range(
      String unit,
      BigDecimal min,
      boolean exclusiveMin,
      BigDecimal max,
      boolean exclusiveMax,
      List<String> parts) {
    if (min != null) {
      parts.add((exclusiveMin ? "> " : "≥ ") + plain(min) + unit);
    }
    if (max != null) {
      parts.add((exclusiveMax ? "< " : "≤ ") + plain(max) + unit);
    }
  }

  private static void size(String unit, Long min, Long max, List<String> parts) {
    if (min != null && max != null) {
      parts.add(min + "-" + max + " " + unit);
    } else if (min != null) {
      parts.add("at least " + min + " " + unit);
    } else if (max != null) {
      parts.add("at most " + max + " " + unit);
    }
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
