package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How long the app may take to answer its check for the first time after it starts: a database
 * migration on upgrade can take hours, during which readiness and liveness do not run, and the
 * revision counts as progressing, not failing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.timeout) || !self.timeout.matches('"
            + RecoverySpec.DURATION
            + "') || duration(self.timeout) >= duration('10s')",
    message = "health.startup.timeout must be at least 10s",
    fieldPath = ".timeout")
public class StartupCheck {

  @JsonPropertyDescription(
      "How long the app may take to pass its check once after it starts, e.g. 1h (the default)."
          + " A crash is still a failure at once; only a slow start is waited for.")
  @Pattern(RecoverySpec.DURATION)
  @Size(max = 32)
  private String timeout;

  @JsonPropertyDescription("Seconds between checks while the app starts. Default: 10.")
  @Min(1)
  @Max(300)
  private Integer periodSeconds;

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public Integer getPeriodSeconds() {
    return periodSeconds;
  }

  public void setPeriodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
  }
}
