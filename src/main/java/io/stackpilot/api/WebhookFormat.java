package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Payload format of an alert webhook. */
public enum WebhookFormat {
  @JsonProperty("Generic")
  GENERIC("Generic"),
  @JsonProperty("Slack")
  SLACK("Slack");

  private final String value;

  WebhookFormat(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
