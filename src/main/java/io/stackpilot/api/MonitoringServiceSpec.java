package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Spec of a monitoring service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.monitoring.scrape) || self.monitoring.role == 'Metrics'",
    message = "monitoring.scrape is only for role Metrics",
    fieldPath = ".monitoring.scrape")
@ValidationRule(
    value = "!has(self.monitoring.dashboards) || self.monitoring.role == 'Dashboards'",
    message = "monitoring.dashboards is only for role Dashboards",
    fieldPath = ".monitoring.dashboards")
@ValidationRule(
    value = "!has(self.monitoring.uptime) || self.monitoring.role == 'Uptime'",
    message = "monitoring.uptime is only for role Uptime",
    fieldPath = ".monitoring.uptime")
public class MonitoringServiceSpec extends ServiceSpec {

  @JsonPropertyDescription("Role and scrape settings.")
  @Required
  private MonitoringSpec monitoring;

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }
}
