package io.stackpilot.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Compares statuses by content, as the API server would store them, so an unchanged status is never
 * written again.
 */
final class StatusComparison {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StatusComparison() {}

  static boolean same(Object previous, Object next) {
    if (previous == null || next == null) {
      return previous == next;
    }
    JsonNode a = SERIALIZATION.convertValue(previous, JsonNode.class);
    JsonNode b = SERIALIZATION.convertValue(next, JsonNode.class);
    return a.equals(b);
  }
}
