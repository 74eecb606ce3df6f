package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What Stackpilot does when the service turns unhealthy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.failureWindow) || !self.failureWindow.matches('"
            + RecoverySpec.DURATION
            + "') || duration(self.failureWindow) >= duration('1s')",
    message = "recovery.failureWindow must be at least 1s",
    fieldPath = ".failureWindow")
@ValidationRule(
    value =
        "!has(self.progressDeadline) || !self.progressDeadline.matches('"
            + RecoverySpec.DURATION
            + "') || duration(self.progressDeadline) >= duration('10s')",
    message = "recovery.progressDeadline must be at least 10s",
    fieldPath = ".progressDeadline")
@ValidationRule(
    value =
        "!has(self.restartWindow) || !self.restartWindow.matches('"
            + RecoverySpec.DURATION
            + "') || duration(self.restartWindow) >= duration('1m')",
    message = "recovery.restartWindow must be at least 1m",
    fieldPath = ".restartWindow")
public class RecoverySpec {

  /**
   * A duration as Durations parses it. The minimum rules check it first: the pattern alone does not
   * stop CEL, whose duration() would fail on the same value with a confusing conversion error.
   */
  static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

  @JsonPropertyDescription(
      "Automatic rolls a failing new revision back to the last healthy one; Manual only reports and alerts.")
  private RollbackPolicy rollback;

  @JsonPropertyDescription(
      "How long a new revision may stay unhealthy before it counts as failed, e.g. 2m.")
  @Pattern(DURATION)
  @Size(max = 32)
  private String failureWindow;

  @JsonPropertyDescription("How long a rollout may take before it counts as failed, e.g. 5m.")
  @Pattern(DURATION)
  @Size(max = 32)
  private String progressDeadline;

  @JsonPropertyDescription(
      "Restarts of a healthy revision allowed per restartWindow before the service is reported Degraded.")
  @Min(0)
  @Max(100)
  private Integer maxRestarts;

  @JsonPropertyDescription("The window over which maxRestarts is counted, e.g. 30m.")
  @Pattern(DURATION)
  @Size(max = 32)
  private String restartWindow;

  public RollbackPolicy getRollback() {
    return rollback;
  }

  public void setRollback(RollbackPolicy rollback) {
    this.rollback = rollback;
  }

  public String getFailureWindow() {
    return failureWindow;
  }

  public void setFailureWindow(String failureWindow) {
    this.failureWindow = failureWindow;
  }

  public String getProgressDeadline() {
    return progressDeadline;
  }

  public void setProgressDeadline(String progressDeadline) {
    this.progressDeadline = progressDeadline;
  }

  public Integer getMaxRestarts() {
    return maxRestarts;
  }

  public void setMaxRestarts(Integer maxRestarts) {
    this.maxRestarts = maxRestarts;
  }

  public String getRestartWindow() {
    return restartWindow;
  }

  public void setRestartWindow(String restartWindow) {
    this.restartWindow = restartWindow;
  }
}
