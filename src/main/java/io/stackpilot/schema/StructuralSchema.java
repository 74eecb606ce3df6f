package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a CRD's OpenAPI v3 schema, reduced to the structural subset that the API server
 * enforces on custom resources. Absent keywords are null (or empty, or false).
 *
 * <p>{@code format}, {@code multipleOf}, {@code oneOf} and {@code not} are read for the docs but
 * not enforced: the CRDs do not use them, and the API server ignores most formats anyway.
 */
public record StructuralSchema(
    String type,
    String format,
    String description,
    JsonNode defaultValue,
    Map<String, StructuralSchema> properties,
    List<String> required,
    StructuralSchema items,
    StructuralSchema additionalProperties,
    List<JsonNode> enumValues,
    String pattern,
    BigDecimal minimum,
    boolean exclusiveMinimum,
    BigDecimal maximum,
    boolean exclusiveMaximum,
    Long minLength,
    Long maxLength,
    Long minItems,
    Long maxItems,
    Long minProperties,
    Long maxProperties,
    boolean nullable,
    boolean intOrString,
    boolean preserveUnknownFields,
    String listType,
    List<String> listMapKeys,
    List<StructuralSchema> anyOf,
    List<StructuralSchema> allOf,
    List<ValidationRule> rules) {

  /** Reads a schema node, e.g. a CRD version's {@code schema.openAPIV3Schema}. */
  public static StructuralSchema parse(JsonNode node) {
    Map<String, StructuralSchema> properties = new LinkedHashMap<>();
    node.path("properties")
        .properties()
        .forEach(entry -> properties.put(entry.getKey(), parse(entry.getValue())));
    JsonNode additional = node.get("additionalProperties");
    StructuralSchema additionalSchema = null;
    if (additional != null && additional.isObject()) {
      additionalSchema = parse(additional);
    } else if (additional != null && additional.asBoolean(false)) {
      additionalSchema = anything();
    }
    return new StructuralSchema(
        text(node, "type"),
        text(node, "format"),
        text(node, "description"),
        node.get("default"),
        Collections.unmodifiableMap(properties),
        strings(node.path("required")),
        node.has("items") ? parse(node.get("items")) : null,
        additionalSchema,
        elements(node.path("enum")),
        text(node, "pattern"),
        node.has("minimum") ? node.get("minimum").decimalValue() : null,
        node.path("exclusiveMinimum").asBoolean(false),
        node.has("maximum") ? node.get("maximum").decimalValue() : null,
        node.path("exclusiveMaximum").asBoolean(false),
        number(node, "minLength"),
        number(node, "maxLength"),
        number(node, "minItems"),
        number(node, "maxItems"),
        number(node, "minProperties"),
        number(node, "maxProperties"),
        node.path("nullable").asBoolean(false),
        node.path("x-kubernetes-int-or-string").asBoolean(false),
        node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false),
        text(node, "x-kubernetes-list-type"),
        strings(node.path("x-kubernetes-list-map-keys")),
        schemas(node.path("anyOf")),
        schemas(node.path("allOf")),
        rules(node.path("x-kubernetes-validations")));
  }

  /** A schema that accepts any value and keeps unknown fields. */
  static StructuralSchema anything() {
    return new StructuralSchema(
        null, null, null, null, Map.of(), List.of(), null, null, List.of(), null, null, false, null,
        false, null, null, null, null, null, null, false, false, true, null, List.of(), List.of(),
        List.of(), List.of());
  }

  /**
   * The schema of the value of field {@code name} of an object of this schema, or null when
   * undeclared.
   */
  public StructuralSchema field(String name) {
    StructuralSchema declared = properties.get(name);
    return declared != null ? declared : additionalProperties;
  }

  public boolean isMap() {
    return additionalProperties != null && properties.isEmpty();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asLong();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return List.copyOf(values);
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> values = new ArrayList<>();
    array.forEach(values::add);
    return List.copyOf(values);
  }

  private static List<StructuralSchema> schemas(JsonNode array) {
    List<StructuralSchema> values = new ArrayList<>();
    array.forEach(value -> values.add(parse(value)));
    return List.copyOf(values);
  }

  private static List<ValidationRule> rules(JsonNode array) {
    List<ValidationRule> values = new ArrayList<>();
    array.forEach(
        rule ->
            values.add(
                new ValidationRule(
                    rule.path("rule").asText(),
                    text(rule, "message"),
                    text(rule, "messageExpression"),
                    text(rule, "fieldPath"),
                    text(rule, "reason"),
                    rule.path("optionalOldSelf").asBoolean(false))));
    return List.copyOf(values);
  }
}
