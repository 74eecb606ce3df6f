package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happens to a claim when its service is deleted. */
public enum ReclaimPolicy {
  @JsonProperty("Retain")
  RETAIN("Retain"),
  @JsonProperty("Delete")
  DELETE("Delete");

  private final String value;

  ReclaimPolicy(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
