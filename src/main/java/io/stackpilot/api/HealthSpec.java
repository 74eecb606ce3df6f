package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * How to tell that the service is healthy: one check (http or tcp), rendered as a startup probe (a
 * generous budget for the first answer), a readiness probe (the fields here) and a liveness probe
 * (optional).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.http) && has(self.tcp))",
    message = "health takes one check: set either http or tcp, not both")
public class HealthSpec {

  @JsonPropertyDescription("HTTP check; set either http or tcp.")
  private HttpCheck http;

  @JsonPropertyDescription("TCP check; set either http or tcp.")
  private TcpCheck tcp;

  @JsonPropertyDescription("Seconds after start before the first check.")
  @Min(0)
  @Max(3600)
  private Integer initialDelaySeconds;

  @JsonPropertyDescription("Seconds between checks.")
  @Min(1)
  @Max(300)
  private Integer periodSeconds;

  @JsonPropertyDescription(
      "Failed checks in a row before the container counts as unready and leaves its Service.")
  @Min(1)
  @Max(30)
  private Integer failureThreshold;

  @JsonPropertyDescription(
      "How long the app may take to start (to pass its check the first time). Default: 1h.")
  private StartupCheck startup;

  @JsonPropertyDescription("Restarts of a container that stops answering. Default: on.")
  private LivenessCheck liveness;

  public HttpCheck getHttp() {
    return http;
  }

  public void setHttp(HttpCheck http) {
    this.http = http;
  }

  public TcpCheck getTcp() {
    return tcp;
  }

  public void setTcp(TcpCheck tcp) {
    this.tcp = tcp;
  }

  public Integer getInitialDelaySeconds() {
    return initialDelaySeconds;
  }

  public void setInitialDelaySeconds(Integer initialDelaySeconds) {
    this.initialDelaySeconds = initialDelaySeconds;
  }

  public Integer getPeriodSeconds() {
    return periodSeconds;
  }

  public void setPeriodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
  }

  public StartupCheck getStartup() {
    return startup;
  }

  public void setStartup(StartupCheck startup) {
    this.startup = startup;
  }

  public LivenessCheck getLiveness() {
    return liveness;
  }

  public void setLiveness(LivenessCheck liveness) {
    this.liveness = liveness;
  }

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }
}
