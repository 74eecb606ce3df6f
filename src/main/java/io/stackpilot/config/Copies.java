package io.stackpilot.config;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Deep copies of parts of the user's resources. The effective configuration must share no mutable
 * object with them: whoever changes one must not change the other (the operator never writes spec).
 */
final class Copies {

  // A copy through the same JSON mapping the API server sees keeps every field, including ones
  // added to the API classes later, which a hand-written copy would silently drop.
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Copies() {}

  static <T> T deep(T value) {
    return value == null ? null : SERIALIZATION.clone(value);
  }

  /** Deep copies of every item; an absent list is an empty one. */
  static <T> List<T> deepEach(List<T> items) {
    return items == null ? List.of() : items.stream().map(Copies::deep).toList();
  }
}
