package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** Observed state of a stack: its members by phase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStackStatus {

  @JsonPropertyDescription("The generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Number of member services.")
  private Integer services;

  @JsonPropertyDescription("Members that are Ready.")
  private Integer readyServices;

  @JsonPropertyDescription("Ready members over all members, e.g. 7/8.")
  private String ready;

  @JsonPropertyDescription("Members counted by phase.")
  private Map<String, Integer> phases;

  @JsonPropertyDescription("Members that are Degraded, RolledBack or Invalid, as Kind/name.")
  private List<String> degraded;

  @JsonPropertyDescription("How many members are degraded.")
  private Integer degradedCount;

  @JsonPropertyDescription("Ready, Reconciling and Stalled.")
  private List<Condition> conditions;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getServices() {
    return services;
  }

  public void setServices(Integer services) {
    this.services = services;
  }

  public Integer getReadyServices() {
    return readyServices;
  }

  public void setReadyServices(Integer readyServices) {
    this.readyServices = readyServices;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public Map<String, Integer> getPhases() {
    return phases;
  }

  public void setPhases(Map<String, Integer> phases) {
    this.phases = phases;
  }

  public List<String> getDegraded() {
    return degraded;
  }

  public void setDegraded(List<String> degraded) {
    this.degraded = degraded;
  }

  public Integer getDegradedCount() {
    return degradedCount;
  }

  public void setDegradedCount(Integer degradedCount) {
    this.degradedCount = degradedCount;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  @Override
  public String toString() {
    return StatusJson.of(this);
  }
}
