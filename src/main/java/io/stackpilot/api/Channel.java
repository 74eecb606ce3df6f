package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A release channel of a service. */
public enum Channel {
  @JsonProperty("stable")
  STABLE("stable"),
  @JsonProperty("beta")
  BETA("beta");

  private final String value;

  Channel(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
