package io.stackpilot.monitoring;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads webhook URLs from Secrets in the cluster, read fresh each time so a rotated URL takes
 * effect at once.
 */
public final class SecretWebhookUrls implements WebhookUrlSource {

  private final KubernetesClient client;

  public SecretWebhookUrls(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<String> url(String namespace, String secretName, String key) {
    Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
    return value(secret, key);
  }

  /**
   * The value at {@code key}: from {@code data} (base64, as the API server stores it) or else from
   * {@code stringData} (as written by hand, and as some fakes keep it). Trimmed, because {@code
   * echo URL | base64} leaves a newline that would make the URL invalid.
   */
  static Optional<String> value(Secret secret, String key) {
    if (secret == null || key == null) {
      return Optional.empty();
    }
    Optional<String> fromData = lookup(secret.getData(), key).flatMap(SecretWebhookUrls::decode);
    Optional<String> value = fromData.isPresent() ? fromData : lookup(secret.getStringData(), key);
    return value.map(String::strip).filter(v -> !v.isEmpty());
  }

  private static Optional<String> lookup(Map<String, String> values, String key) {
    return values == null ? Optional.empty() : Optional.ofNullable(values.get(key));
  }

  private static Optional<String> decode(String base64) {
    try {
      return Optional.of(
          new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character, a piece of the secret: drop it.
      return Optional.empty();
    }
  }
}
