package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a stack gets a Prometheus Operator ServiceMonitor for its members' metrics. */
public enum ServiceMonitorMode {
  @JsonProperty("Auto")
  AUTO("Auto"),
  @JsonProperty("Off")
  OFF("Off");

  private final String value;

  ServiceMonitorMode(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
