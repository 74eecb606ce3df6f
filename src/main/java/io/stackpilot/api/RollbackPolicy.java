package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether Stackpilot rolls back a failing revision by itself. */
public enum RollbackPolicy {
  @JsonProperty("Automatic")
  AUTOMATIC("Automatic"),
  @JsonProperty("Manual")
  MANUAL("Manual");

  private final String value;

  RollbackPolicy(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
