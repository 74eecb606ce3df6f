package io.stackpilot.schema;

/**
 * The kinds of problem the API server reports for a custom resource. The API server skips the CEL
 * rules when any problem of a blocking kind is present (the rules could not be typed against such a
 * value), and says so with one more error; offline validation does the same.
 */
public enum ViolationType {
  /** A field the schema requires is missing. */
  REQUIRED(true),
  /** A value outside the enum. */
  UNSUPPORTED(true),
  /** A value of the wrong JSON type. */
  WRONG_TYPE(true),
  /** A string over maxLength. */
  TOO_LONG(true),
  /** A list over maxItems or a map over maxProperties. */
  TOO_MANY(true),
  /** A pattern, range or minimum size not met, or a CEL rule that failed. */
  INVALID(false),
  /** Two equal items of a list with x-kubernetes-list-type set or map. */
  DUPLICATE(false),
  /** A CEL rule with reason FieldValueForbidden. */
  FORBIDDEN(false),
  /** A field the schema does not declare; kubectl's strict field validation rejects the object. */
  UNKNOWN_FIELD(false),
  /** The CEL rules were skipped because of a blocking problem. */
  RULES_NOT_CHECKED(false);

  private final boolean blocksRules;

  ViolationType(boolean blocksRules) {
    this.blocksRules = blocksRules;
  }

  public boolean blocksRules() {
    return blocksRules;
  }
}
