package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * What recovery has done lately, and what it is waiting for. Everything recovery decides is derived
 * from this and the cluster, never from memory, so a restarted operator resumes exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RecoveryStatus {

  @JsonPropertyDescription("Healthy, Progressing, Failing, Restarting, RolledBack or Degraded.")
  private String state;

  @JsonPropertyDescription("Restarts within the current window.")
  private Integer restarts;

  @JsonPropertyDescription("Start of the current restart window (RFC 3339).")
  private String windowStart;

  @JsonPropertyDescription("Last recovery action: Applied, Restarted or RolledBack.")
  private String lastAction;

  @JsonPropertyDescription("When it was taken (RFC 3339).")
  private String lastActionTime;

  @JsonPropertyDescription("The revision that is failing, while one is.")
  private String failingRevision;

  @JsonPropertyDescription(
      "When that revision was last seen turning unhealthy (RFC 3339); the failure window counts from here.")
  private String failingSince;

  @JsonPropertyDescription(
      "When the current incident was first detected (RFC 3339); recovery time counts from here.")
  private String failureDetectedAt;

  @JsonPropertyDescription("Why it is unhealthy, e.g. CrashLoopBackOff, while it is.")
  private String failureReason;

  @JsonPropertyDescription(
      "When Stackpilot last restarted the pods (RFC 3339); kept on the pod template so the restart is not undone.")
  private String restartedAt;

  @JsonPropertyDescription("The revision that restart applies to.")
  private String restartedRevision;

  @JsonPropertyDescription(
      "The last value of the stackpilot.io/retry annotation acted on, so that each value retries once.")
  private String lastRetry;

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

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

  public String getFailingRevision() {
    return failingRevision;
  }

  public void setFailingRevision(String failingRevision) {
    this.failingRevision = failingRevision;
  }

  public String getFailingSince() {
    return failingSince;
  }

  public void setFailingSince(String failingSince) {
    this.failingSince = failingSince;
  }

  public String getFailureDetectedAt() {
    return failureDetectedAt;
  }

  public void setFailureDetectedAt(String failureDetectedAt) {
    this.failureDetectedAt = failureDetectedAt;
  }

  public String getFailureReason() {
    return failureReason;
  }

  public void setFailureReason(String failureReason) {
    this.failureReason = failureReason;
  }

  public String getRestartedAt() {
    return restartedAt;
  }

  public void setRestartedAt(String restartedAt) {
    this.restartedAt = restartedAt;
  }

  public String getRestartedRevision() {
    return restartedRevision;
  }

  public void setRestartedRevision(String restartedRevision) {
    this.restartedRevision = restartedRevision;
  }

  public String getLastRetry() {
    return lastRetry;
  }

  public void setLastRetry(String lastRetry) {
    this.lastRetry = lastRetry;
  }
}
