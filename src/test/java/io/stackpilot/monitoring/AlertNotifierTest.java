package io.stackpilot.monitoring;

import static io.stackpilot.monitoring.Stacks.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.AlertWebhook;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.WebhookFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AlertNotifierTest {

  /** The secret part of every webhook URL here; it must never show up in a log line or a label. */
  private static final String TOKEN = "T0KEN-s3cr3t-9f8e7d";

  private static final String PATH = "/services/" + TOKEN;
  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** Secret name -> URL, what the fake Secret lookup answers. */
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  private final List<String> urlsUsed = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger rootLogger =
      (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private WebhookReceiver receiver;
  private AlertNotifier notifier;

  @BeforeEach
  void start() throws IOException {
    // On the root logger, so a URL logged by any class on the notifier's path would be caught.
    logs.start();
    rootLogger.addAppender(logs);
    receiver = new WebhookReceiver();
    notifier =
        new AlertNotifier(
            (namespace, secretName, key) ->
                namespace.equals(Stacks.NAMESPACE) && key.equals("url")
                    ? Optional.ofNullable(secrets.get(secretName))
                    : Optional.empty(),
            meters,
            new WebhookTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    notifier.close();
    receiver.close();
    rootLogger.detachAppender(logs);
    assertNoUrlLeaked();
  }

  @Test
  void genericPayloadArrivesAsJson() throws Exception {
    secret("ops", receiver.answering(PATH, 204));

    notifier.notify(
        Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

    awaitCount("ops", "sent", 1);
    WebhookReceiver.Request request = receiver.requestsTo(PATH).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentType()).startsWith("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("event").asText()).isEqualTo("RolledBack");
    assertThat(body.get("name").asText()).isEqualTo("sonarr");
    assertThat(body.get("revision").asText()).isEqualTo("3f2a9c1");
    assertThat(body.get("at").asText()).isEqualTo("2026-03-01T02:03:04Z");
    assertThat(body.get("summary").asText()).startsWith("RolledBack MediaService home/sonarr");
  }

  @Test
  void slackPayloadArrivesAsAnIncomingWebhookMessage() throws Exception {
    secret("chat", receiver.answering(PATH, 200));

    notifier.notify(Stacks.withWebhooks(webhook("chat", WebhookFormat.SLACK)), Alerts.rolledBack());

    awaitCount("chat", "sent", 1);
    JsonNode body = JSON.readTree(receiver.requestsTo(PATH).get(0).body());
    assertThat(body.get("text").asText())
        .startsWith(":rewind: RolledBack MediaService home/sonarr");
    assertThat(body.get("blocks").get(0).get("text").get("text").asText())
        .contains("*Rolled back*");
  }

  @Test
  void onlyWebhooksListingTheEventOrNoEventsAreCalled() {
    secret("rollbacks", receiver.answering("/rollbacks", 200));
    secret("everything", receiver.answering("/everything", 200));
    secret("empty-list", receiver.answering("/empty-list", 200));
    AlertWebhook emptyList = webhook("empty-list", WebhookFormat.GENERIC);
    emptyList.setEvents(List.of());
    Optional<ServiceStack> stack =
        Stacks.withWebhooks(
            webhook(
                "rollbacks", WebhookFormat.GENERIC, AlertEvent.ROLLED_BACK, AlertEvent.BETA_FAILED),
            webhook("everything", WebhookFormat.GENERIC),
            emptyList);

    notifier.notify(stack, Alerts.of(AlertEvent.DEGRADED));
    notifier.notify(stack, Alerts.of(AlertEvent.BETA_FAILED));

    awaitCount("everything", "sent", 2);
    awaitCount("empty-list", "sent", 2);
    awaitCount("rollbacks", "sent", 1);
    assertThat(receiver.requestsTo("/rollbacks"))
        .extracting(request -> event(request.body()))
        .containsExactly("BetaFailed");
    assertThat(receiver.requests()).hasSize(5);
    assertThat(count("rollbacks", "failed")).isZero();
  }

  @Test
  void noStackOrNoWebhooksSendNothing() {
    ServiceStack noSpec = new ServiceStack();
    ServiceStack noAlerts = new ServiceStack();
    noAlerts.setSpec(new ServiceStackSpec());

    assertThatCode(
            () -> {
              notifier.notify(Optional.empty(), Alerts.rolledBack());
              notifier.notify(Optional.of(noSpec), Alerts.rolledBack());
              notifier.notify(Optional.of(noAlerts), Alerts.rolledBack());
              notifier.notify(Stacks.withWebhooks(), Alerts.rolledBack());
            })
        .doesNotThrowAnyException();

    assertThat(meters.find(AlertNotifier.ALERTS_METER).counters()).isEmpty();
  }

  @Test
  void aServerErrorIsCountedFailedAndWarnedWithItsStatusOnly() {
    secret("ops", receiver.answering(PATH, 500));

    notifier.notify(
        Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

    awaitCount("ops", "failed", 1);
    assertThat(count("ops", "sent")).isZero();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(
            "RolledBack", "MediaService home/sonarr", "webhook ops", "stack home/home", "HTTP 500");
  }

  @Test
  void aClosedPortIsCountedFailedAndWarnedWithTheErrorClass() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    secret("ops", "http://127.0.0.1:" + closedPort + PATH);

    notifier.notify(
        Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

    awaitCount("ops", "failed", 1);
    assertThat(warnings()).singleElement().asString().contains("webhook ops", "ConnectException");
  }

  @Test
  void aServerThatNeverAnswersDoesNotHoldTheCallerAndTimesOut() {
    secret("silent", receiver.hanging(PATH));
    secret("ops", receiver.answering("/ops", 200));
    Optional<ServiceStack> stack =
        Stacks.withWebhooks(
            webhook("silent", WebhookFormat.GENERIC), webhook("ops", WebhookFormat.GENERIC));

    notifier.notify(stack, Alerts.rolledBack());

    // notify is back while the receiver has not been allowed to answer.
    assertThat(receiver.released()).isFalse();
    // The silent receiver does not hold up the other webhook of the stack.
    awaitCount("ops", "sent", 1);
    await().atMost(PATIENCE).until(() -> receiver.requestsTo(PATH).size() == 1);
    awaitCount("silent", "failed", 1);
    assertThat(receiver.released()).isFalse();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("webhook silent", "HttpTimeoutException");
  }

  @Test
  void aMissingSecretOrKeyIsCountedFailedAndNamesTheSecretNotTheUrl() {
    notifier.notify(
        Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

    awaitCount("ops", "failed", 1);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("webhook ops", "Secret ops-hook key url");
  }

  @Test
  void aMalformedUrlIsCountedFailedWithoutQuotingIt() {
    secret("no-scheme", "hooks.example.com" + PATH);
    secret("ftp", "ftp://hooks.example.com" + PATH);
    secret("spaces", "http://hooks example.com" + PATH);
    secret("relative", PATH);

    notifier.notify(
        Stacks.withWebhooks(
            webhook("no-scheme", WebhookFormat.GENERIC),
            webhook("ftp", WebhookFormat.SLACK),
            webhook("spaces", WebhookFormat.GENERIC),
            webhook("relative", WebhookFormat.GENERIC)),
        Alerts.rolledBack());

    for (String name : List.of("no-scheme", "ftp", "spaces", "relative")) {
      awaitCount(name, "failed", 1);
    }
    assertThat(warnings())
        .hasSize(4)
        .allSatisfy(line -> assertThat(line).contains("is not an absolute http(s) URL"));
  }

  @Test
  void aFailingSecretReadIsCountedFailedWithItsClassAndStatusOnly() {
    notifier.close();
    notifier =
        new AlertNotifier(
            (namespace, secretName, key) -> {
              throw new KubernetesClientException(
                  "secrets is forbidden, while reading " + "https://x" + PATH, 403, null);
            },
            meters,
            WebhookTimeouts.DEFAULT);

    notifier.notify(
        Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

    awaitCount("ops", "failed", 1);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("KubernetesClientException (API status 403)");
  }

  @Test
  void afterCloseNotifyNeitherThrowsNorSends() {
    secret("ops", receiver.answering(PATH, 200));
    notifier.close();

    assertThatCode(
            () ->
                notifier.notify(
                    Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)),
                    Alerts.rolledBack()))
        .doesNotThrowAnyException();

    assertThat(count("ops", "failed")).isEqualTo(1);
    assertThat(receiver.requests()).isEmpty();
    assertThat(warnings()).singleElement().asString().contains("notifier closed");
  }

  @Test
  void aMalformedStackNeverReachesTheCaller() {
    AlertWebhook noRef = webhook("no-ref", WebhookFormat.GENERIC);
    noRef.setUrlSecretRef(null);
    AlertWebhook noName = webhook("x", null);
    noName.setName(null);
    Optional<ServiceStack> stack = Stacks.withWebhooks(noRef, null, noName);
    ServiceStack noMetadata = new ServiceStack();
    noMetadata.setMetadata(null);
    noMetadata.setSpec(stack.get().getSpec());

    assertThatCode(
            () -> {
              notifier.notify(stack, Alerts.rolledBack());
              notifier.notify(Optional.of(noMetadata), Alerts.rolledBack());
              notifier.notify(stack, null);
              notifier.notify(null, Alerts.rolledBack());
            })
        .doesNotThrowAnyException();

    awaitCount("no-ref", "failed", 2);
    awaitCount("", "failed", 2);
  }

  @Test
  void outcomesAreExposedToPrometheusAsStackpilotAlertsTotal() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    AlertNotifier closed =
        new AlertNotifier(
            (namespace, secretName, key) -> Optional.empty(), prometheus, WebhookTimeouts.DEFAULT);
    closed.close(); // a closed notifier counts the failure at once, without a network

    closed.notify(Stacks.withWebhooks(webhook("ops", WebhookFormat.GENERIC)), Alerts.rolledBack());

    assertThat(prometheus.scrape().lines())
        .contains(
            "stackpilot_alerts_total{event=\"RolledBack\",outcome=\"failed\",webhook=\"ops\"} 1.0");
  }

  private void secret(String webhook, String url) {
    secrets.put(webhook + "-hook", url);
    urlsUsed.add(url);
  }

  /** Over all events: one counter per event, webhook and outcome. */
  private double count(String webhook, String outcome) {
    return meters
        .find(AlertNotifier.ALERTS_METER)
        .tag("webhook", webhook)
        .tag("outcome", outcome)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private void awaitCount(String webhook, String outcome, int expected) {
    await().atMost(PATIENCE).until(() -> count(webhook, outcome) == expected);
  }

  private List<String> warnings() {
    synchronized (logs) { // ListAppender appends while holding its own lock
      return logs.list.stream()
          .filter(
              event ->
                  event.getLevel() == Level.WARN
                      && event.getLoggerName().equals(AlertNotifier.class.getName()))
          .map(ILoggingEvent::getFormattedMessage)
          .toList();
    }
  }

  private static String event(String body) {
    try {
      return JSON.readTree(body).get("event").asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** No log line, logged exception or meter tag anywhere carries a webhook URL or its token. */
  private void assertNoUrlLeaked() {
    List<String> logged = new ArrayList<>();
    synchronized (logs) {
      for (ILoggingEvent event : logs.list) {
        logged.add(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy();
            thrown != null;
            thrown = thrown.getCause()) {
          logged.add(thrown.getClassName() + ": " + thrown.getMessage());
        }
      }
    }
    for (String line : logged) {
      assertThat(line).doesNotContain(TOKEN).doesNotContain("/services/");
      urlsUsed.forEach(url -> assertThat(line).doesNotContain(url));
    }
    for (Meter meter : meters.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getValue()).doesNotContain(TOKEN).doesNotContain("/services/");
      }
    }
  }
}
