package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The three kinds of service. */
public enum ServiceKind {
  @JsonProperty("MediaService")
  MEDIA_SERVICE("MediaService"),
  @JsonProperty("SecurityService")
  SECURITY_SERVICE("SecurityService"),
  @JsonProperty("MonitoringService")
  MONITORING_SERVICE("MonitoringService");

  private final String value;

  ServiceKind(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
