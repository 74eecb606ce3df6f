package io.stackpilot.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;

/**
 * The Generic webhook body: a flat JSON object that any receiver (a script, n8n, Alertmanager-style
 * bridges) can read without knowing Stackpilot. Every field is always present, absent ones as null,
 * so receivers can rely on one shape.
 */
final class GenericPayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GenericPayload() {}

  static String render(Alert alert) {
    ObjectNode body = JSON.createObjectNode();
    body.put("event", alert.event().value());
    body.put("namespace", alert.namespace());
    body.put("kind", alert.kind());
    body.put("name", alert.name());
    body.put("message", alert.message());
    body.put("revision", alert.revision().orElse(null));
    body.put("image", alert.image().orElse(null));
    // ISO_INSTANT is always UTC with a Z and full seconds, which is RFC 3339.
    body.put("at", DateTimeFormatter.ISO_INSTANT.format(alert.at()));
    body.put("summary", AlertSummary.of(alert));
    return write(body);
  }

  static String write(ObjectNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      // A tree of strings always serialises; this would be a Jackson bug.
      throw new IllegalStateException("could not write an alert payload", e);
    }
  }
}
