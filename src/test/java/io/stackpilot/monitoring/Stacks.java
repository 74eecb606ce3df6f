package io.stackpilot.monitoring;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.AlertWebhook;
import io.stackpilot.api.AlertsSpec;
import io.stackpilot.api.SecretKeyReference;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.WebhookFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Stacks with alert webhooks, for tests. The stack is {@code home/home}. */
final class Stacks {

  static final String NAMESPACE = "home";

  private Stacks() {}

  static Optional<ServiceStack> withWebhooks(AlertWebhook... webhooks) {
    ServiceStack stack = new ServiceStack();
    stack.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName("home").build());
    ServiceStackSpec spec = new ServiceStackSpec();
    AlertsSpec alerts = new AlertsSpec();
    alerts.setWebhooks(new ArrayList<>(Arrays.asList(webhooks)));
    spec.setAlerts(alerts);
    stack.setSpec(spec);
    return Optional.of(stack);
  }

  /** A webhook whose URL is in Secret {@code <name>-hook}, key {@code url}; no events means all. */
  static AlertWebhook webhook(String name, WebhookFormat format, AlertEvent... events) {
    AlertWebhook webhook = new AlertWebhook();
    webhook.setName(name);
    SecretKeyReference ref = new SecretKeyReference();
    ref.setName(name + "-hook");
    ref.setKey("url");
    webhook.setUrlSecretRef(ref);
    webhook.setFormat(format);
    webhook.setEvents(events.length == 0 ? null : List.of(events));
    return webhook;
  }
}
