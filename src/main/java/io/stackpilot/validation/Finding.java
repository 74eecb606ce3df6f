package io.stackpilot.validation;

import java.util.Objects;

/**
 * One problem in a spec: the field it is in, as a path such as {@code spec.env[2].value}, and a
 * message that says what is wrong and how to fix it. Messages never quote a value that may be a
 * secret, because they end up in status, Events and logs.
 */
public record Finding(String field, String message) {

  public Finding {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
