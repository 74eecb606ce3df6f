package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Shared layers for the members of a stack. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStackSpec {

  @JsonPropertyDescription("Defaults for every member.")
  private ServiceDefaults base;

  @JsonPropertyDescription("Defaults for media services, over base.")
  private ServiceDefaults media;

  @JsonPropertyDescription("Defaults for security services, over base.")
  private ServiceDefaults security;

  @JsonPropertyDescription("Defaults for monitoring services, over base.")
  private ServiceDefaults monitoring;

  @JsonPropertyDescription("Default channel of the members: stable or beta.")
  @Default(SchemaDefaults.CHANNEL)
  private Channel channel;

  @JsonPropertyDescription(
      "Off, or Isolate: deny ingress to members except from what the stack derives (security proxy, declared consumers, scrapers).")
  @Default(SchemaDefaults.NETWORK_POLICY)
  private NetworkPolicyMode networkPolicy;

  @JsonPropertyDescription(
      "Who else an isolated stack admits: its ingress controller, outside scrapers, more peers.")
  private IsolationSpec isolation;

  @JsonPropertyDescription("Alert webhooks.")
  private AlertsSpec alerts;

  @JsonPropertyDescription(
      "A Prometheus Operator ServiceMonitor for the members' metrics ports. Default: mode Auto.")
  private ServiceMonitorSpec serviceMonitor;

  public ServiceMonitorSpec getServiceMonitor() {
    return serviceMonitor;
  }

  public void setServiceMonitor(ServiceMonitorSpec serviceMonitor) {
    this.serviceMonitor = serviceMonitor;
  }

  public ServiceDefaults getBase() {
    return base;
  }

  public void setBase(ServiceDefaults base) {
    this.base = base;
  }

  public ServiceDefaults getMedia() {
    return media;
  }

  public void setMedia(ServiceDefaults media) {
    this.media = media;
  }

  public ServiceDefaults getSecurity() {
    return security;
  }

  public void setSecurity(ServiceDefaults security) {
    this.security = security;
  }

  public ServiceDefaults getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(ServiceDefaults monitoring) {
    this.monitoring = monitoring;
  }

  public Channel getChannel() {
    return channel;
  }

  public void setChannel(Channel channel) {
    this.channel = channel;
  }

  public NetworkPolicyMode getNetworkPolicy() {
    return networkPolicy;
  }

  public void setNetworkPolicy(NetworkPolicyMode networkPolicy) {
    this.networkPolicy = networkPolicy;
  }

  public IsolationSpec getIsolation() {
    return isolation;
  }

  public void setIsolation(IsolationSpec isolation) {
    this.isolation = isolation;
  }

  public AlertsSpec getAlerts() {
    return alerts;
  }

  public void setAlerts(AlertsSpec alerts) {
    this.alerts = alerts;
  }
}
