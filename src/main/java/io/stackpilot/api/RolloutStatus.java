package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Progress of a beta rollout, stage by stage; everything the rollout decides is derived from this
 * and the cluster.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {

  @JsonPropertyDescription("Channel being rolled out.")
  private String channel;

  @JsonPropertyDescription("The beta revision being rolled out.")
  private String revision;

  @JsonPropertyDescription("Current stage.")
  private String stage;

  @JsonPropertyDescription("Share of pods on beta in this stage.")
  private Integer percent;

  @JsonPropertyDescription("Pods running beta in this stage.")
  private Integer betaPods;

  @JsonPropertyDescription("When the stage started (RFC 3339).")
  private String stageStartedAt;

  @JsonPropertyDescription("When the stage's soak ends, if beta stays healthy (RFC 3339).")
  private String stageEndsAt;

  @JsonPropertyDescription(
      "When beta was first seen unhealthy in this stage (RFC 3339), while it is.")
  private String failingSince;

  @JsonPropertyDescription("Progressing, Paused, WaitingForPromotion, Promoted, Failed or Aborted.")
  private String state;

  @JsonPropertyDescription("What the rollout is doing or waiting for.")
  private String message;

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getStage() {
    return stage;
  }

  public void setStage(String stage) {
    this.stage = stage;
  }

  public Integer getPercent() {
    return percent;
  }

  public void setPercent(Integer percent) {
    this.percent = percent;
  }

  public Integer getBetaPods() {
    return betaPods;
  }

  public void setBetaPods(Integer betaPods) {
    this.betaPods = betaPods;
  }

  public String getStageStartedAt() {
    return stageStartedAt;
  }

  public void setStageStartedAt(String stageStartedAt) {
    this.stageStartedAt = stageStartedAt;
  }

  public String getStageEndsAt() {
    return stageEndsAt;
  }

  public void setStageEndsAt(String stageEndsAt) {
    this.stageEndsAt = stageEndsAt;
  }

  public String getFailingSince() {
    return failingSince;
  }

  public void setFailingSince(String failingSince) {
    this.failingSince = failingSince;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
