package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether beta goes live by itself after the last stage. */
public enum PromotionPolicy {
  @JsonProperty("Automatic")
  AUTOMATIC("Automatic"),
  @JsonProperty("Manual")
  MANUAL("Manual");

  private final String value;

  PromotionPolicy(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
