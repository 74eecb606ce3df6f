package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as CEL sees it in the API server: objects and maps as maps, lists as lists, integers
 * as int (64 bit), numbers as double. The schema decides between int and double, because YAML
 * writes 100 for a double field as well.
 */
final class CelValues {

  private CelValues() {}

  static Object of(JsonNode value, StructuralSchema schema) {
    if (value == null || value.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (value.isObject()) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        fields.put(
            field.getKey(),
            of(field.getValue(), schema == null ? null : schema.field(field.getKey())));
      }
      return fields;
    }
    if (value.isArray()) {
      List<Object> items = new ArrayList<>(value.size());
      value.forEach(item -> items.add(of(item, schema == null ? null : schema.items())));
      return items;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    boolean declaredDouble = schema != null && "number".equals(schema.type());
    if (value.isIntegralNumber() && !declaredDouble) {
      return value.asLong();
    }
    boolean declaredInteger =
        schema != null && ("integer".equals(schema.type()) || schema.intOrString());
    if (declaredInteger) {
      return value.asLong();
    }
    return value.asDouble();
  }
}
