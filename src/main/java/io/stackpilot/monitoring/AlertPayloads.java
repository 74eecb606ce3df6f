package io.stackpilot.monitoring;

import io.stackpilot.api.WebhookFormat;

/** Picks the body a webhook gets for its format; the one place that knows the formats. */
public final class AlertPayloads {

  private AlertPayloads() {}

  /**
   * The JSON body for a webhook of this format; a format left unset is Generic, as the CRD defaults
   * it.
   */
  public static String render(WebhookFormat format, Alert alert) {
    if (format == WebhookFormat.SLACK) {
      return SlackPayload.render(alert);
    }
    return GenericPayload.render(alert);
  }
}
