package io.stackpilot.monitoring;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an alert may wait for a webhook. Short, because a receiver that does not answer within
 * seconds will not answer usefully later, and every waiting request holds a connection.
 *
 * @param connect to open the connection
 * @param request from sending the request to receiving the response headers
 */
public record WebhookTimeouts(Duration connect, Duration request) {

  public static final WebhookTimeouts DEFAULT =
      new WebhookTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5));

  public WebhookTimeouts {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(request, "request");
    if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
      throw new IllegalArgumentException("webhook timeouts must be positive");
    }
  }
}
