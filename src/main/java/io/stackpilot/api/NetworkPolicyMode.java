package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Network isolation of a stack. */
public enum NetworkPolicyMode {
  @JsonProperty("Off")
  OFF("Off"),
  @JsonProperty("Isolate")
  ISOLATE("Isolate");

  private final String value;

  NetworkPolicyMode(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
