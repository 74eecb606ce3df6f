package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/**
 * Whether the kubelet restarts a container that stops answering its check, and after how many
 * failures. Some apps answer slowly under load (a library scan) and are better left running: turn
 * it off, and readiness alone takes them out of their Service.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LivenessCheck {

  @JsonPropertyDescription(
      "Restart the container when its check keeps failing. Default: true when a check is set.")
  private Boolean enabled;

  @JsonPropertyDescription(
      "Failed checks in a row before the container is restarted. Default: twice"
          + " health.failureThreshold, so a slow app leaves its Service well before it is restarted.")
  @Min(1)
  @Max(60)
  private Integer failureThreshold;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }
}
