package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A webhook that receives the stack's alerts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertWebhook {

  @JsonPropertyDescription("Webhook name, unique within the stack.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String name;

  @JsonPropertyDescription(
      "Secret key holding the webhook URL (URLs often carry tokens, so never inline).")
  @Required
  private SecretKeyReference urlSecretRef;

  @JsonPropertyDescription("Generic (JSON) or Slack.")
  @Default(SchemaDefaults.WEBHOOK_FORMAT)
  private WebhookFormat format;

  @JsonPropertyDescription(
      "Events to send: RolledBack, Degraded, BetaFailed, Promoted, Restarted, Recovered. Default: all.")
  @Size(max = 6)
  private List<AlertEvent> events;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SecretKeyReference getUrlSecretRef() {
    return urlSecretRef;
  }

  public void setUrlSecretRef(SecretKeyReference urlSecretRef) {
    this.urlSecretRef = urlSecretRef;
  }

  public WebhookFormat getFormat() {
    return format;
  }

  public void setFormat(WebhookFormat format) {
    this.format = format;
  }

  public List<AlertEvent> getEvents() {
    return events;
  }

  public void setEvents(List<AlertEvent> events) {
    this.events = events;
  }
}
