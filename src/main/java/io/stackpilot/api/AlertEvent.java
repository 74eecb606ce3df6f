package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Events a stack can alert on. */
public enum AlertEvent {
  @JsonProperty("RolledBack")
  ROLLED_BACK("RolledBack"),
  @JsonProperty("Degraded")
  DEGRADED("Degraded"),
  @JsonProperty("BetaFailed")
  BETA_FAILED("BetaFailed"),
  @JsonProperty("Promoted")
  PROMOTED("Promoted"),
  @JsonProperty("Restarted")
  RESTARTED("Restarted"),
  @JsonProperty("Recovered")
  RECOVERED("Recovered");

  private final String value;

  AlertEvent(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
