package io.stackpilot.schema;

import java.util.regex.Pattern;

/**
 * One entry of {@code x-kubernetes-validations}: a CEL expression over {@code self} and what the
 * API server reports when it is false. Absent parts are null.
 */
public record ValidationRule(
    String rule,
    String message,
    String messageExpression,
    String fieldPath,
    String reason,
    boolean optionalOldSelf) {

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  /**
   * A transition rule compares the object with its previous version ({@code oldSelf}). There is no
   * previous version in a file, so offline validation skips these rules.
   */
  public boolean isTransitionRule() {
    return OLD_SELF.matcher(rule).find();
  }
}
