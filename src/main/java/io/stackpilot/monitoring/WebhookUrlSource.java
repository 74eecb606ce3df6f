package io.stackpilot.monitoring;

import java.util.Optional;

/**
 * Where the notifier finds a webhook's URL. The URL lives in a Secret because it usually carries a
 * token; this seam lets tests hand URLs in without an API server.
 */
@FunctionalInterface
public interface WebhookUrlSource {

  /**
   * The URL stored under {@code key} of Secret {@code secretName} in {@code namespace}, or empty
   * when the Secret or the key is missing or blank. May block on the API server, so the notifier
   * calls it off the caller's thread.
   */
  Optional<String> url(String namespace, String secretName, String key);
}
