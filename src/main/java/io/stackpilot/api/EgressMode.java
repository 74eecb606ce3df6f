package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an isolated stack also limits the connections its members open. */
public enum EgressMode {
  @JsonProperty("Open")
  OPEN("Open"),
  @JsonProperty("Restrict")
  RESTRICT("Restrict");

  private final String value;

  EgressMode(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
