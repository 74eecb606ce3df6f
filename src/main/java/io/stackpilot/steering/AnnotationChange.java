package io.stackpilot.steering;

import java.util.Optional;

/**
 * One annotation to set or remove on a service, and what it will make Stackpilot do.
 *
 * @param value the value to set; empty to remove the annotation
 */
public record AnnotationChange(String key, Optional<String> value, String effect) {

  /** As a user reads it: {@code key=value}, or {@code key-} for a removal, as kubectl writes it. */
  public String describe() {
    return value.map(v -> key + "=" + v).orElse(key + "-");
  }
}
