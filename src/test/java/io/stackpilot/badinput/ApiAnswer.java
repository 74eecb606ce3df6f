package io.stackpilot.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/** What the API server answered to the creation of one object, and how to read it. */
record ApiAnswer(int code, String body, int bytesSent) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A field path as the API server writes it in a rejection: spec.ports[0].port, metadata.name. */
  private static final Pattern FIELD =
      Pattern.compile("\\b(spec|metadata)(\\.[A-Za-z0-9_-]+|\\[[^\\]]*\\])+");

  /** The API server's limit on a request body. */
  static final int REQUEST_LIMIT = 3 * 1024 * 1024;

  boolean accepted() {
    return code == 201;
  }

  /** The Status message of a rejection. */
  String message() {
    try {
      JsonNode status = JSON.readTree(body);
      return status.path("message").asText(body);
    } catch (Exception notJson) {
      return body;
    }
  }

  /** A rejection names a field: in details.causes[].field, or as a path in its message. */
  boolean namesAField() {
    try {
      for (JsonNode cause : JSON.readTree(body).path("details").path("causes")) {
        if (!cause.path("field").asText().isBlank()) {
          return true;
        }
      }
    } catch (Exception notJson) {
      // a body that is not a Status has no causes; its text may still name the field
    }
    // A request for one namespace with another in metadata, and a second object of one kind and
    // name: the messages name metadata.namespace and metadata.name in words.
    return FIELD.matcher(message()).find()
        || message().contains("the namespace of the provided object")
        || code == 409 && message().endsWith("already exists");
  }

  /**
   * Refused by the API server's JSON decoding, which comes before the schema: no field can be
   * named, as the body never became an object with fields.
   */
  boolean refusedByTheDecoder() {
    String message = message();
    return code == 400
        && (message.contains("exceeded max depth")
            || message.contains("cannot unmarshal")
            || message.contains("json parse error"));
  }

  /** Refused for its size before it was read: the request limit, or etcd's on a stored object. */
  boolean tooLarge() {
    return code == 413 || message().contains("request is too large");
  }
}
