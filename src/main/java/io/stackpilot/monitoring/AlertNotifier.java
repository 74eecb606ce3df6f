package io.stackpilot.monitoring;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.MeterRegistry;
import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.AlertWebhook;
import io.stackpilot.api.AlertsSpec;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.WebhookFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an alert to the webhooks of a stack that asked for its event.
 *
 * <p>Alerting is a side effect of reconciling, never a part of it: a dead or slow receiver must not
 * slow down or fail a rollback. So {@link #notify} only picks the webhooks and queues the work; the
 * Secret read and the POST happen on the notifier's own threads, bounded by short timeouts, and
 * every outcome ends as a counter and, on failure, a warning.
 *
 * <p>A webhook URL usually carries a token (Slack puts it in the path). It is read, used for the
 * request and dropped: it never reaches a log line, an exception message or a metric label. That is
 * also why failures name only an HTTP status or an error class, never an exception's message, which
 * for a malformed URL quotes the URL.
 */
public final class AlertNotifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

  /** Exposed by the Prometheus registry as {@code stackpilot_alerts_total}. */
  static final String ALERTS_METER = "stackpilot.alerts";

  /**
   * Enough for a burst across a large stack; beyond it alerts are dropped and counted, not held.
   */
  private static final int QUEUE_CAPACITY = 512;

  private static final int THREADS = 2;

  private final WebhookUrlSource urls;
  private final MeterRegistry meters;
  private final WebhookTimeouts timeouts;
  private final HttpClient http;
  private final ThreadPoolExecutor executor;

  /** Reads webhook URLs from Secrets through {@code client}, with the default timeouts. */
  public AlertNotifier(KubernetesClient client, MeterRegistry meters) {
    this(new SecretWebhookUrls(client), meters, WebhookTimeouts.DEFAULT);
  }

  public AlertNotifier(WebhookUrlSource urls, MeterRegistry meters, WebhookTimeouts timeouts) {
    this.urls = urls;
    this.meters = meters;
    this.timeouts = timeouts;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeouts.connect())
            // HTTP/1.1 because a cleartext HTTP/2 upgrade confuses some small in-cluster receivers.
            .version(HttpClient.Version.HTTP_1_1)
            // A redirect could carry the token to another host; a webhook that moved should be
            // updated.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            daemonThreads(),
            new ThreadPoolExecutor.AbortPolicy());
    // No idle threads while nothing goes wrong, which is most of the time.
    this.executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Sends {@code alert} to every webhook of {@code stack} whose events include it (no events listed
   * means all). Returns as soon as the work is queued; never throws.
   */
  public void notify(Optional<ServiceStack> stack, Alert alert) {
    try {
      for (Target target : targets(stack, alert)) {
        try {
          executor.execute(() -> deliver(target, alert));
        } catch (RejectedExecutionException e) {
          failed(target, alert, executor.isShutdown() ? "notifier closed" : "alert queue full");
        }
      }
    } catch (RuntimeException e) {
      // A malformed stack or a meter registry failure must not reach the reconciler.
      log.warn(
          "Alert {} for {} {}/{} not sent: {}",
          event(alert),
          kind(alert),
          namespace(alert),
          name(alert),
          e.getClass().getSimpleName());
    }
  }

  /** Stops taking alerts and gives the queued ones a moment to leave. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeouts.request().toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The webhooks to notify, copied out of the stack on the caller's thread so the work queued for
   * later does not hold on to (or see changes of) the caller's resource object.
   */
  private static List<Target> targets(Optional<ServiceStack> stack, Alert alert) {
    if (stack == null || stack.isEmpty() || stack.get().getSpec() == null) {
      return List.of();
    }
    ServiceStack resource = stack.get();
    AlertsSpec alerts = resource.getSpec().getAlerts();
    if (alerts == null || alerts.getWebhooks() == null) {
      return List.of();
    }
    Optional<ObjectMeta> metadata = Optional.ofNullable(resource.getMetadata());
    String namespace = metadata.map(ObjectMeta::getNamespace).orElse(alert.namespace());
    String stackName = metadata.map(ObjectMeta::getName).orElse("");
    List<Target> targets = new ArrayList<>();
    for (AlertWebhook webhook : alerts.getWebhooks()) {
      if (webhook == null || !wants(webhook, alert.event())) {
        continue;
      }
      String secretName =
          webhook.getUrlSecretRef() == null ? null : webhook.getUrlSecretRef().getName();
      String secretKey =
          webhook.getUrlSecretRef() == null ? null : webhook.getUrlSecretRef().getKey();
      targets.add(
          new Target(
              namespace,
              stackName,
              nonNull(webhook.getName()),
              secretName,
              secretKey,
              webhook.getFormat() == null
                  ? SchemaDefaults.of(WebhookFormat.class, SchemaDefaults.WEBHOOK_FORMAT)
                  : webhook.getFormat()));
    }
    return targets;
  }

  private static boolean wants(AlertWebhook webhook, AlertEvent event) {
    List<AlertEvent> events = webhook.getEvents();
    return events == null || events.isEmpty() || events.contains(event);
  }

  /** Runs on the notifier's threads: find the URL, then hand the POST to the HTTP client. */
  private void deliver(Target target, Alert alert) {
    try {
      if (target.secretName() == null || target.secretKey() == null) {
        failed(target, alert, "webhook has no urlSecretRef");
        return;
      }
      Optional<String> url = urls.url(target.namespace(), target.secretName(), target.secretKey());
      if (url.isEmpty()) {
        failed(
            target,
            alert,
            "no URL in Secret "
                + target.secretName()
                + " key "
                + target.secretKey()
                + " (Secret or key missing or empty)");
        return;
      }
      HttpRequest request;
      try {
        request =
            HttpRequest.newBuilder(URI.create(url.get()))
                .timeout(timeouts.request())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "stackpilot")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        AlertPayloads.render(target.format(), alert), StandardCharsets.UTF_8))
                .build();
      } catch (IllegalArgumentException e) {
        // The exception's message quotes the URL: say where it came from instead.
        failed(
            target,
            alert,
            "URL in Secret "
                + target.secretName()
                + " key "
                + target.secretKey()
                + " is not an absolute http(s) URL");
        return;
      }
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                if (error != null) {
                  failed(target, alert, errorClass(error));
                } else if (response.statusCode() / 100 == 2) {
                  sent(target, alert);
                } else {
                  failed(target, alert, "HTTP " + response.statusCode());
                }
              });
    } catch (RuntimeException e) {
      failed(target, alert, errorClass(e));
    }
  }

  private void sent(Target target, Alert alert) {
    count(target, alert, "sent");
    log.debug(
        "Alert {} for {} {}/{} sent to webhook {} of stack {}/{}",
        event(alert),
        kind(alert),
        namespace(alert),
        name(alert),
        target.webhook(),
        target.namespace(),
        target.stackName());
  }

  private void failed(Target target, Alert alert, String reason) {
    count(target, alert, "failed");
    log.warn(
        "Alert {} for {} {}/{} to webhook {} of stack {}/{} failed: {}",
        event(alert),
        kind(alert),
        namespace(alert),
        name(alert),
        target.webhook(),
        target.namespace(),
        target.stackName(),
        reason);
  }

  private void count(Target target, Alert alert, String outcome) {
    try {
      meters
          .counter(
              ALERTS_METER, "event", event(alert), "webhook", target.webhook(), "outcome", outcome)
          .increment();
    } catch (RuntimeException e) {
      log.warn("Could not count alert outcome: {}", e.getClass().getSimpleName());
    }
  }

  /** The class of the root failure, plus the API status for a Secret read; never a message. */
  private static String errorClass(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof KubernetesClientException k8s && k8s.getCode() > 0) {
      return cause.getClass().getSimpleName() + " (API status " + k8s.getCode() + ")";
    }
    return cause.getClass().getSimpleName();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "stackpilot-alerts-" + number.incrementAndGet());
      // Alerts must never keep the operator process alive on shutdown.
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String event(Alert alert) {
    return alert == null ? "" : alert.event().value();
  }

  private static String kind(Alert alert) {
    return alert == null ? "" : alert.kind();
  }

  private static String namespace(Alert alert) {
    return alert == null ? "" : alert.namespace();
  }

  private static String name(Alert alert) {
    return alert == null ? "" : alert.name();
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  /** One webhook to call: everything needed, and no URL (that is read just before sending). */
  private record Target(
      String namespace,
      String stackName,
      String webhook,
      String secretName,
      String secretKey,
      WebhookFormat format) {}
}
