package io.stackpilot.schema;

import java.util.Objects;

/**
 * One problem that the CRD's schema or one of its CEL rules finds in an object: the field, as the
 * API server names it, and a message that says what is wrong and, in parentheses, how to fix it.
 */
public record Violation(FieldPath field, ViolationType type, String message) {

  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
