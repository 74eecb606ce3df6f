package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What recovery has done lately. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecoveryStatus {

  @JsonPropertyDescription("Restarts within the current window.")
  private Integer restarts;

  @JsonPropertyDescription("Start of the current restart window (RFC 3339).")
  private String windowStart;

  @JsonPropertyDescription("Last recovery action: Restarted, RolledBack, Degraded.")
  private String lastAction;

  @JsonPropertyDescription("When it was taken (RFC 3339).")
  private String lastActionTime;

  @JsonPropertyDescription("When the live revision was first seen unhealthy (RFC 3339), while it is.")
  private String failingSince;

  @JsonPropertyDescription("Why it is unhealthy, while it is.")
  private String failureReason;

  public Integer getRestarts() {
    return restarts;
  }

  public void setRestarts(Integer restarts) {
    this.restarts = restarts;
  }

  public String getWindowStart() {
    return windowStart;
  }

  public void setWindowStart(String windowStart) {
    this.windowStart = windowStart;
  }

  public String getLastAction() {
    return lastAction;
  }

  public void setLastAction(String lastAction) {
    this.lastAction = lastAction;
  }

  public String getLastActionTime() {
    return lastActionTime;
  }

  public void setLastActionTime(String lastActionTime) {
    this.lastActionTime = lastActionTime;
  }

  public String getFailingSince() {
    return failingSince;
  }

  public void setFailingSince(String failingSince) {
    this.failingSince = failingSince;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public void setFailureReason(String failureReason) {
    this.failureReason = failureReason;
  }
}
