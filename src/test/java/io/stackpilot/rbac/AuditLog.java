package io.stackpilot.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackpilot.operator.OperatorClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operator's requests in the API server's audit log, told apart by the User-Agent the
 * operator's client sets ({@code stackpilot/<version>}), counted by verb and resource. A watch is
 * logged when it starts and again when it ends; each request is counted once, by its audit ID.
 */
final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<OperatorRequest, Long> counts =
      new TreeMap<>(Comparator.comparing(Object::toString));
  private long requests;
  private long events;

  static AuditLog read(List<Path> files) {
    AuditLog log = new AuditLog();
    Set<String> seen = new HashSet<>();
    for (Path file : files) {
      try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          log.events++;
          // Cheap test first: most lines are other clients' (controllers, kubectl, the tests).
          if (!line.contains("\"userAgent\":\"" + OperatorClients.PRODUCT + "/")) {
            continue;
          }
          JsonNode event = JSON.readTree(line);
          if (event.path("userAgent").asText().startsWith(OperatorClients.PRODUCT + "/")
              && seen.add(event.path("auditID").asText())) {
            log.add(event);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return log;
  }

  private void add(JsonNode event) {
    requests++;
    String verb = event.path("verb").asText();
    JsonNode object = event.path("objectRef");
    OperatorRequest request =
        object.isMissingNode()
            ? new OperatorRequest(
                verb,
                null,
                null,
                null,
                false,
                event.path("requestURI").asText().replaceAll("\\?.*", ""))
            : new OperatorRequest(
                verb,
                object.path("apiGroup").asText(""),
                object.path("resource").asText(),
                object.hasNonNull("subresource") ? object.path("subresource").asText() : null,
                object.hasNonNull("namespace"),
                null);
    counts.merge(request, 1L, Long::sum);
    // Server-side apply that creates the object is a patch the API server also authorises as
    // create.
    if ("patch".equals(verb) && event.path("responseStatus").path("code").asInt() == 201) {
      counts.merge(request.withVerb("create"), 1L, Long::sum);
    }
  }

  /** Each kind of request with how many times the operator made it. */
  Map<OperatorRequest, Long> counts() {
    return counts;
  }

  long requests() {
    return requests;
  }

  /** All events in the log, the operator's and everyone else's. */
  long events() {
    return events;
  }
}
