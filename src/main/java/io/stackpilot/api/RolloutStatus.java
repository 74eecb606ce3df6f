package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Progress of a beta rollout. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStatus {

  @JsonPropertyDescription("Channel being rolled out.")
  private String channel;

  @JsonPropertyDescription("Current stage.")
  private String stage;

  @JsonPropertyDescription("Share of pods on beta in this stage.")
  private Integer percent;

  @JsonPropertyDescription("When the stage started (RFC 3339).")
  private String stageStartedAt;

  @JsonPropertyDescription("Progressing, Paused, WaitingForPromotion, Promoted or Aborted.")
  private String state;

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
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

  public String getStageStartedAt() {
    return stageStartedAt;
  }

  public void setStageStartedAt(String stageStartedAt) {
    this.stageStartedAt = stageStartedAt;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }
}
