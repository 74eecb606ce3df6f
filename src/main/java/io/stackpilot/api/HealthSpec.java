package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** How to tell that the service is healthy; rendered as readiness and liveness probes. */
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

  @JsonPropertyDescription("Failed checks in a row before the container counts as unhealthy.")
  @Min(1)
  @Max(30)
  private Integer failureThreshold;

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

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }
}
