package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Transport protocol of a port. */
public enum PortProtocol {
  @JsonProperty("TCP")
  TCP("TCP"),
  @JsonProperty("UDP")
  UDP("UDP");

  private final String value;

  PortProtocol(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
