package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the API server does to an object before it validates it: a null in a field that is not
 * nullable is dropped (or replaced by the field's default), and absent fields with a default get
 * it. The CEL rules see the defaulted object, so offline validation must too: a rule may read a
 * field that only its default sets.
 */
final class Defaulting {

  private Defaulting() {}

  /** A defaulted copy; the input is left as it was. */
  static JsonNode apply(JsonNode value, StructuralSchema schema) {
    JsonNode copy = value.deepCopy();
    defaultInPlace(copy, schema);
    return copy;
  }

  private static void defaultInPlace(JsonNode value, StructuralSchema schema) {
    if (schema == null) {
      return;
    }
    if (value instanceof ObjectNode object) {
      for (Map.Entry<String, StructuralSchema> property : schema.properties().entrySet()) {
        JsonNode current = object.get(property.getKey());
        StructuralSchema fieldSchema = property.getValue();
        boolean nullNotAllowed = current != null && current.isNull() && !fieldSchema.nullable();
        if ((current == null || nullNotAllowed) && fieldSchema.defaultValue() != null) {
          object.set(property.getKey(), fieldSchema.defaultValue().deepCopy());
        } else if (nullNotAllowed) {
          object.remove(property.getKey());
        }
      }
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        defaultInPlace(object.get(name), schema.field(name));
      }
    } else if (value instanceof ArrayNode array) {
      array.forEach(item -> defaultInPlace(item, schema.items()));
    }
  }
}
