package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Fields that the schema does not declare. kubectl asks the API server for strict field validation,
 * which rejects an object with such a field (a typo such as {@code replica:}) before any other
 * check, naming each one.
 */
final class UnknownFields {

  private UnknownFields() {}

  static void find(JsonNode value, StructuralSchema schema, FieldPath path, List<Violation> found) {
    if (schema == null || value == null) {
      return;
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        StructuralSchema fieldSchema = schema.field(field.getKey());
        if (fieldSchema == null && !schema.preserveUnknownFields()) {
          found.add(unknown(path.child(field.getKey())));
        } else {
          find(field.getValue(), fieldSchema, path.child(field.getKey()), found);
        }
      }
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        find(value.get(i), schema.items(), path.index(i), found);
      }
    }
  }

  static Violation unknown(FieldPath field) {
    return new Violation(
        field,
        ViolationType.UNKNOWN_FIELD,
        "unknown field (remove it, or fix its spelling: docs/api.md lists the fields)");
  }
}
