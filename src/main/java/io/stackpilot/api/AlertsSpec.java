package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Where the stack sends alerts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertsSpec {

  @JsonPropertyDescription("Webhooks to notify.")
  @Size(max = 8)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "alerts.webhooks must have unique names: two webhooks share a name")
  private List<AlertWebhook> webhooks;

  public List<AlertWebhook> getWebhooks() {
    return webhooks;
  }

  public void setWebhooks(List<AlertWebhook> webhooks) {
    this.webhooks = webhooks;
  }
}
