package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** One stage of a beta rollout: the share of pods on beta and how long it must stay healthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutStage {

  @JsonPropertyDescription("Stage name, e.g. limited, extended, open.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 30)
  private String name;

  @JsonPropertyDescription(
      "Share of the pods that run beta in this stage, 1-100 (at least one pod).")
  @Required
  @Min(1)
  @Max(100)
  private Integer percent;

  @JsonPropertyDescription(
      "How long beta must stay healthy in this stage before the next one, e.g. 10m.")
  @Required
  @Pattern("^([0-9]+(ms|s|m|h))+$")
  @Size(max = 32)
  private String soak;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getPercent() {
    return percent;
  }

  public void setPercent(Integer percent) {
    this.percent = percent;
  }

  public String getSoak() {
    return soak;
  }

  public void setSoak(String soak) {
    this.soak = soak;
  }
}
