package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pod Security Standards level the pods are hardened for. */
public enum SecurityProfile {
  @JsonProperty("Restricted")
  RESTRICTED("Restricted"),
  @JsonProperty("Baseline")
  BASELINE("Baseline"),
  @JsonProperty("Privileged")
  PRIVILEGED("Privileged");

  private final String value;

  SecurityProfile(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
