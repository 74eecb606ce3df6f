package io.stackpilot.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stackpilot.api.WebhookFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecretWebhookUrlsTest {

  private static final String URL = "https://hooks.example.com/services/T000/B000/XXXX";

  private final KubernetesMockServer server =
      new KubernetesMockServer(
          new Context(),
          new MockWebServer(),
          new HashMap<>(),
          new KubernetesCrudDispatcher(),
          false);
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  @Test
  void readsTheBase64DataOfTheSecretInTheStacksNamespace() {
    create("home", secretWithData("alerts", Map.of("url", URL)));
    create("other", secretWithData("alerts", Map.of("url", "https://wrong.example.com")));

    assertThat(new SecretWebhookUrls(client).url("home", "alerts", "url")).contains(URL);
  }

  @Test
  void readsStringDataWhenTheKeyIsNotInData() {
    create(
        "home",
        new SecretBuilder()
            .withNewMetadata()
            .withName("alerts")
            .endMetadata()
            .withStringData(Map.of("url", URL))
            .build());

    assertThat(new SecretWebhookUrls(client).url("home", "alerts", "url")).contains(URL);
  }

  @Test
  void aMissingSecretOrKeyIsEmpty() {
    create("home", secretWithData("alerts", Map.of("other", URL)));

    assertThat(new SecretWebhookUrls(client).url("home", "nope", "url")).isEmpty();
    assertThat(new SecretWebhookUrls(client).url("home", "alerts", "url")).isEmpty();
  }

  @Test
  void theTrailingNewlineOfEchoPipedToBase64IsDropped() {
    assertThat(SecretWebhookUrls.value(secretWithData("alerts", Map.of("url", URL + "\n")), "url"))
        .contains(URL);
  }

  @Test
  void dataWinsOverStringDataAsInTheApiServer() {
    Secret secret = secretWithData("alerts", Map.of("url", URL));
    secret.setStringData(Map.of("url", "https://stale.example.com"));

    assertThat(SecretWebhookUrls.value(secret, "url")).contains(URL);
  }

  @Test
  void aBlankValueIsEmpty() {
    assertThat(SecretWebhookUrls.value(secretWithData("alerts", Map.of("url", " \n")), "url"))
        .isEmpty();
    assertThat(SecretWebhookUrls.value(null, "url")).isEmpty();
    assertThat(SecretWebhookUrls.value(new Secret(), "url")).isEmpty();
  }

  @Test
  void theNotifierBuiltOnAClientReadsTheUrlFromTheSecret() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (WebhookReceiver receiver = new WebhookReceiver();
        AlertNotifier notifier = new AlertNotifier(client, meters)) {
      create("home", secretWithData("ops-hook", Map.of("url", receiver.answering("/hook", 200))));

      notifier.notify(
          Stacks.withWebhooks(Stacks.webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

      await().atMost(Duration.ofSeconds(15)).until(() -> sent(meters) == 1);
      assertThat(receiver.requestsTo("/hook")).hasSize(1);
    }
  }

  private static double sent(SimpleMeterRegistry meters) {
    Counter counter = meters.find(AlertNotifier.ALERTS_METER).tag("outcome", "sent").counter();
    return counter == null ? 0 : counter.count();
  }

  private void create(String namespace, Secret secret) {
    client.secrets().inNamespace(namespace).resource(secret).create();
  }

  private static Secret secretWithData(String name, Map<String, String> values) {
    Map<String, String> data = new HashMap<>();
    values.forEach(
        (key, value) ->
            data.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(data)
        .build();
  }
}
