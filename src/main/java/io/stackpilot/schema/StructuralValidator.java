package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI v3 checks the API server makes on a custom resource (types, required, enum, pattern,
 * ranges, sizes, list-type uniqueness), naming each field as it does. Patterns are RE2, as in the
 * API server, not java.util.regex.
 */
final class StructuralValidator {

  private static final int SHOWN_VALUE_LENGTH = 60;
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private StructuralValidator() {}

  static void validate(
      JsonNode value, StructuralSchema schema, FieldPath path, List<Violation> found) {
    if (schema == null) {
      return;
    }
    if (value.isNull()) {
      if (!schema.nullable() && schema.type() != null) {
        found.add(wrongType(path, schema, value));
      }
      return;
    }
    if (!hasDeclaredType(value, schema)) {
      found.add(wrongType(path, schema, value));
      return;
    }
    checkEnum(value, schema, path, found);
    if (value.isTextual()) {
      checkString(value.asText(), schema, path, found);
    } else if (value.isNumber()) {
      checkNumber(value, schema, path, found);
    } else if (value.isArray()) {
      checkArray(value, schema, path, found);
    } else if (value.isObject()) {
      checkObject(value, schema, path, found);
    }
    checkAnyOf(value, schema, path, found);
    for (StructuralSchema all : schema.allOf()) {
      validate(value, all, path, found);
    }
  }

  private static boolean hasDeclaredType(JsonNode value, StructuralSchema schema) {
    if (schema.intOrString()) {
      return value.isTextual() || isInteger(value);
    }
    if (schema.type() == null) {
      return true;
    }
    return switch (schema.type()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> isInteger(value);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> true;
    };
  }

  private static boolean isInteger(JsonNode value) {
    return value.isIntegralNumber()
        || (value.isFloatingPointNumber()
            && value.decimalValue().stripTrailingZeros().scale() <= 0);
  }

  private static void checkEnum(
      JsonNode value, StructuralSchema schema, FieldPath path, List<Violation> found) {
    if (schema.enumValues().isEmpty()
        || schema.enumValues().stream().anyMatch(allowed -> allowed.equals(value))) {
      return;
    }
    String allowed =
        schema.enumValues().stream().map(JsonNode::toString).collect(Collectors.joining(", "));
    found.add(
        new Violation(
            path,
            ViolationType.UNSUPPORTED,
            "unsupported value " + shown(value) + " (use one of " + allowed + ")"));
  }

  private static void checkString(
      String text, StructuralSchema schema, FieldPath path, List<Violation> found) {
    long length = text.codePointCount(0, text.length());
    if (schema.maxLength() != null && length > schema.maxLength()) {
      found.add(
          new Violation(
              path,
              ViolationType.TOO_LONG,
              "is "
                  + length
                  + " characters long, more than "
                  + schema.maxLength()
                  + " (shorten it to at most "
                  + schema.maxLength()
                  + ")"));
    }
    if (schema.minLength() != null && length < schema.minLength()) {
      found.add(
          new Violation(
              path,
              ViolationType.INVALID,
              "is "
                  + length
                  + " characters long, fewer than "
                  + schema.minLength()
                  + " (make it at least "
                  + schema.minLength()
                  + " long)"));
    }
    if (schema.pattern() != null && !pattern(schema.pattern()).matcher(text).find()) {
      found.add(
          new Violation(
              path,
              ViolationType.INVALID,
              shown(text)
                  + " does not match the pattern "
                  + schema.pattern()
                  + " (change the value to fit it; docs/api.md describes the field)"));
    }
  }

  private static void checkNumber(
      JsonNode value, StructuralSchema schema, FieldPath path, List<Violation> found) {
    BigDecimal number = value.decimalValue();
    BigDecimal minimum = schema.minimum();
    BigDecimal maximum = schema.maximum();
    if (minimum != null
        && (schema.exclusiveMinimum()
            ? number.compareTo(minimum) <= 0
            : number.compareTo(minimum) < 0)) {
      found.add(
          new Violation(
              path,
              ViolationType.INVALID,
              value
                  + " is below the minimum (use a value "
                  + (schema.exclusiveMinimum() ? "greater than " : "of at least ")
                  + plain(minimum)
                  + ")"));
    }
    if (maximum != null
        && (schema.exclusiveMaximum()
            ? number.compareTo(maximum) >= 0
            : number.compareTo(maximum) > 0)) {
      found.add(
          new Violation(
              path,
              ViolationType.INVALID,
              value
                  + " is above the maximum (use a value "
                  + (schema.exclusiveMaximum() ? "less than " : "of at most ")
                  + plain(maximum)
                  + ")"));
    }
  }

  private static void checkArray(
      JsonNode array, StructuralSchema schema, FieldPath path, List<Violation> found) {
    if (schema.maxItems() != null && array.size() > schema.maxItems()) {
      found.add(
          new Violation(
              path,
              ViolationType.TOO_MANY,
              "has "
                  + array.size()
                  + " items, more than "
                  + schema.maxItems()
                  + " (remove items to leave at most "
                  + schema.maxItems()
                  + ")"));
    }
    if (schema.minItems() != null && array.size() < schema.minItems()) {
      found.add(
          new Violation(
              path,
              ViolationType.INVALID,
              "has "
                  + array.size()
                  + " items, fewer than "
                  + schema.minItems()
                  + " (add items to have at least "
                  + schema.minItems()
                  + ")"));
    }
    checkListType(array, schema, path, found);
    for (int i = 0; i < array.size(); i++) {
      validate(array.get(i), schema.items(), path.index(i), found);
    }
  }

  private static void checkListType(
      JsonNode array, StructuralSchema schema, FieldPath path, List<Violation> found) {
    boolean set = "set".equals(schema.listType());
    boolean map = "map".equals(schema.listType()) && !schema.listMapKeys().isEmpty();
    if (!set && !map) {
      return;
    }
    Map<Object, Integer> seen = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      Object identity =
          set ? item : schema.listMapKeys().stream().map(key -> item.path(key)).toList();
      Integer first = seen.putIfAbsent(identity, i);
      if (first != null) {
        String what =
            set
                ? "item " + shown(item)
                : "key "
                    + schema.listMapKeys().stream()
                        .map(key -> key + "=" + shown(item.path(key)))
                        .collect(Collectors.joining(", "));
        found.add(
            new Violation(
                path.index(i),
                ViolationType.DUPLICATE,
                "duplicate " + what + ", first at [" + first + "] (remove one of them)"));
      }
    }
  }

  private static void checkObject(
      JsonNode object, StructuralSchema schema, FieldPath path, List<Violation> found) {
    for (String name : schema.required()) {
      if (!object.has(name)) {
        found.add(
            new Violation(
                path.child(name), ViolationType.REQUIRED, "is required but missing (add it)"));
      }
    }
    if (schema.maxProperties() != null && object.size() > schema.maxProperties()) {
      found.add(
          new Violation(
              path,
              ViolationType.TOO_MANY,
              "has "
                  + object.size()
                  + " entries, more than "
                  + schema.maxProperties()
                  + " (remove entries to leave at most "
                  + schema.maxProperties()
                  + ")"));
    }
    if (schema.minProperties() != null && object.size() < schema.minProperties()) {
      found.add(
          new Violation(
              path,
              ViolationType.INVALID,
              "has "
                  + object.size()
                  + " entries, fewer than "
                  + schema.minProperties()
                  + " (add entries to have at least "
                  + schema.minProperties()
                  + ")"));
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      validate(field.getValue(), schema.field(field.getKey()), path.child(field.getKey()), found);
    }
  }

  private static void checkAnyOf(
      JsonNode value, StructuralSchema schema, FieldPath path, List<Violation> found) {
    if (schema.anyOf().isEmpty()) {
      return;
    }
    for (StructuralSchema alternative : schema.anyOf()) {
      List<Violation> problems = new ArrayList<>();
      validate(value, alternative, path, problems);
      if (problems.isEmpty()) {
        return;
      }
    }
    found.add(
        new Violation(
            path,
            ViolationType.INVALID,
            shown(value) + " fits none of the allowed forms (docs/api.md describes the field)"));
  }

  private static Violation wrongType(FieldPath path, StructuralSchema schema, JsonNode value) {
    String expected = schema.intOrString() ? "integer or string" : schema.type();
    return new Violation(
        path,
        ViolationType.WRONG_TYPE,
        "must be of type "
            + expected
            + ", not "
            + typeOf(value)
            + " ("
            + howToWrite(expected)
            + ")");
  }

  private static String howToWrite(String type) {
    return switch (type) {
      case "integer" -> "write a whole number, without quotes";
      case "number" -> "write a number, without quotes";
      case "boolean" -> "write true or false, without quotes";
      case "string" -> "quote the value";
      case "object" -> "write a mapping of fields";
      case "array" -> "write a list";
      default -> "write a number or a string";
    };
  }

  static String typeOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    } else if (value.isArray()) {
      return "array";
    } else if (value.isTextual()) {
      return "string";
    } else if (value.isIntegralNumber()) {
      return "integer";
    } else if (value.isNumber()) {
      return "number";
    } else if (value.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private static Pattern pattern(String regex) {
    return PATTERNS.computeIfAbsent(
        regex,
        r -> {
          try {
            return Pattern.compile(r);
          } catch (PatternSyntaxException e) {
            throw new IllegalStateException(
                "the CRD pattern " + r + " is not RE2: " + e.getMessage(), e);
          }
        });
  }

  private static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  private static String shown(JsonNode value) {
    return value.isTextual() ? shown(value.asText()) : abbreviate(value.toString());
  }

  private static String shown(String text) {
    return "\"" + abbreviate(text) + "\"";
  }

  private static String abbreviate(String text) {
    return text.length() <= SHOWN_VALUE_LENGTH
        ? text
        : text.substring(0, SHOWN_VALUE_LENGTH) + "...";
  }
}
