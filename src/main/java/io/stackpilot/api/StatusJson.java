package io.stackpilot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A status as the JSON kubectl shows, for logs and failed assertions: every field, never an object
 * hash. Statuses hold no secrets, so all of it may be printed.
 */
final class StatusJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StatusJson() {}

  static String of(Object status) {
    try {
      return MAPPER.writeValueAsString(status);
    } catch (JsonProcessingException e) {
      return status.getClass().getSimpleName() + " (not printable: " + e.getMessage() + ")";
    }
  }
}
