package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import java.util.Map;
import java.util.Objects;

/**
 * A ServiceMonitor for a Prometheus that the Prometheus Operator runs (such as
 * kube-prometheus-stack's): on a stack, one selecting every member's Service that has a port named
 * metrics; on a service in no stack, one of its own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceMonitorSpec {

  @JsonPropertyDescription(
      "Auto (default): a ServiceMonitor named after the stack (a service's: <service>.<kind>) while"
          + " the cluster serves monitoring.coreos.com/v1. Off: none, and one rendered before is"
          + " deleted.")
  @Default(SchemaDefaults.SERVICE_MONITOR_MODE)
  private ServiceMonitorMode mode;

  @JsonPropertyDescription(
      "Labels the Prometheus selects ServiceMonitors by, e.g. release: kube-prometheus-stack.")
  private Map<String, String> labels;

  @JsonPropertyDescription("How often each target is scraped. Default: the Prometheus' own.")
  @Pattern("^([0-9]+(ms|s|m|h))+$")
  private String interval;

  public ServiceMonitorMode getMode() {
    return mode;
  }

  public void setMode(ServiceMonitorMode mode) {
    this.mode = mode;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceMonitorSpec other
        && Objects.equals(mode, other.mode)
        && Objects.equals(labels, other.labels)
        && Objects.equals(interval, other.interval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, labels, interval);
  }
}
