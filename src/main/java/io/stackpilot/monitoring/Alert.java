package io.stackpilot.monitoring;

import io.stackpilot.api.AlertEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a person should hear about: a service was rolled back, degraded, promoted, and so on.
 * It is the same value for every webhook format, so what Slack shows and what a generic receiver
 * gets cannot drift apart.
 *
 * @param event what happened
 * @param namespace namespace of the service
 * @param kind kind of the service, as spelled in the resource (MediaService, ...)
 * @param name name of the service
 * @param message one human sentence on why; never a secret value
 * @param revision the revision concerned, when there is one
 * @param image the image concerned, when there is one
 * @param at when Stackpilot decided it
 */
public record Alert(
    AlertEvent event,
    String namespace,
    String kind,
    String name,
    String message,
    Optional<String> revision,
    Optional<String> image,
    Instant at) {

  public Alert {
    // Fail where the alert is made, not later on an executor thread where nobody would see it.
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    message = message == null ? "" : message;
    revision = revision == null ? Optional.empty() : revision;
    image = image == null ? Optional.empty() : image;
  }
}
