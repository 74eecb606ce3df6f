package io.stackpilot.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One YAML or JSON document of a file as written, before it is bound to a Java class: what offline
 * schema validation needs, since binding would drop unknown fields and fail on wrong types.
 */
public record ManifestDocument(Path file, int documentIndex, JsonNode content) {

  public String kind() {
    return content.path("kind").asText();
  }

  public String name() {
    return content.path("metadata").path("name").asText();
  }

  /** file:kind/name, the start of every message about this object. */
  public String location() {
    return file + ":" + kind() + "/" + name();
  }
}
