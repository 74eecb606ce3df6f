package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a monitoring service does. */
public enum MonitoringRole {
  @JsonProperty("Metrics")
  METRICS("Metrics"),
  @JsonProperty("Dashboards")
  DASHBOARDS("Dashboards"),
  @JsonProperty("Uptime")
  UPTIME("Uptime");

  private final String value;

  MonitoringRole(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
