package io.stackpilot.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The API server's own record of every write a service account made, from its audit log: the
 * witness that cannot be fooled by what an operator believes about its leadership.
 */
final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> WRITES =
      List.of("create", "update", "patch", "delete", "deletecollection");

  private final Path log;

  private AuditLog(Path log) {
    this.log = log;
  }

  /**
   * Writes a policy that records, at Metadata level, the writes of service accounts (the operator
   * replicas run as those), and nothing else; returns the log the API server should write to.
   */
  static AuditLog prepare(Path folder) {
    try {
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve("policy.yaml"),
          """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: [RequestReceived]
          rules:
            - level: Metadata
              userGroups: [system:serviceaccounts]
              verbs: [create, update, patch, delete, deletecollection]
            - level: None
          """);
      return new AuditLog(folder.resolve("audit.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String policyFlag() {
    return "--audit-policy-file=" + log.resolveSibling("policy.yaml");
  }

  String logFlag() {
    return "--audit-log-path=" + log;
  }

  /**
   * One write request as the API server saw it: who, what, on which object, when it arrived, how it
   * ended.
   */
  record Write(String user, String verb, String resource, String name, Instant at, int code) {

    boolean isLease() {
      return "leases".equals(resource);
    }

    /**
     * A change of the cluster: not a bid for the Lease, and not an access review (a question,
     * stored nowhere).
     */
    boolean isAction() {
      return !isLease() && !resource.endsWith("reviews");
    }

    boolean succeeded() {
      return code < 400;
    }

    @Override
    public String toString() {
      return at
          + " "
          + user.substring(user.lastIndexOf(':') + 1)
          + " "
          + verb
          + " "
          + resource
          + "/"
          + name
          + " -> "
          + code;
    }
  }

  /** The writes made in the namespace by its service accounts, in the order they arrived. */
  List<Write> writes(String namespace) {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(AuditLog::parse)
          .filter(Objects::nonNull)
          .filter(w -> w.user().startsWith("system:serviceaccount:" + namespace + ":"))
          .sorted(Comparator.comparing(Write::at))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + log, e);
    }
  }

  private static Write parse(String line) {
    try {
      JsonNode event = JSON.readTree(line);
      if (!"ResponseComplete".equals(event.path("stage").asText())
          || !WRITES.contains(event.path("verb").asText())) {
        return null;
      }
      // A dry run changes nothing: the operator asks one (the API server's verdict on a revision
      // never applied) even when it may not write, and the lease gate lets it through on purpose.
      if (event.path("requestURI").asText().contains("dryRun=All")) {
        return null;
      }
      JsonNode object = event.path("objectRef");
      String resource =
          object.path("resource").asText()
              + (object.hasNonNull("subresource") ? "/" + object.path("subresource").asText() : "");
      return new Write(
          event.path("user").path("username").asText(),
          event.path("verb").asText(),
          resource,
          object.path("name").asText(),
          Instant.parse(event.path("requestReceivedTimestamp").asText()),
          event.path("responseStatus").path("code").asInt());
    } catch (IOException e) {
      return null;
    }
  }
}
