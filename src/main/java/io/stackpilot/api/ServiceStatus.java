package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a service, in kstatus terms. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStatus {

  @JsonPropertyDescription("The generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Progressing, Healthy, Degraded, RolledBack or Invalid.")
  private String phase;

  @JsonPropertyDescription("Live channel.")
  private String channel;

  @JsonPropertyDescription("Live image.")
  private String image;

  @JsonPropertyDescription("Live revision.")
  private String revision;

  @JsonPropertyDescription("Revision the spec asks for.")
  private String desiredRevision;

  @JsonPropertyDescription("Last revision seen healthy.")
  private String lastHealthyRevision;

  @JsonPropertyDescription("Desired pods.")
  private Integer replicas;

  @JsonPropertyDescription("Ready pods.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Ready pods over desired, e.g. 1/1.")
  private String ready;

  @JsonPropertyDescription("Ready, Available, Reconciling, Stalled and ConfigValid.")
  private List<Condition> conditions;

  @JsonPropertyDescription("Errors and warnings of the last validation.")
  private ValidationStatus validation;

  @JsonPropertyDescription("Recent recovery actions.")
  private RecoveryStatus recovery;

  @JsonPropertyDescription("Beta rollout progress.")
  private RolloutStatus rollout;

  @JsonPropertyDescription("Revisions that failed and are held back.")
  private List<QuarantinedRevision> quarantine;

  @JsonPropertyDescription("The last 10 applied revisions, newest first.")
  private List<HistoryEntry> history;

  @JsonPropertyDescription(
      "Storage items with snapshotBeforeUpgrade or restored data: which claim holds which data.")
  private List<VolumeStatus> volumes;

  public List<VolumeStatus> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<VolumeStatus> volumes) {
    this.volumes = volumes;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getDesiredRevision() {
    return desiredRevision;
  }

  public void setDesiredRevision(String desiredRevision) {
    this.desiredRevision = desiredRevision;
  }

  public String getLastHealthyRevision() {
    return lastHealthyRevision;
  }

  public void setLastHealthyRevision(String lastHealthyRevision) {
    this.lastHealthyRevision = lastHealthyRevision;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public ValidationStatus getValidation() {
    return validation;
  }

  public void setValidation(ValidationStatus validation) {
    this.validation = validation;
  }

  public RecoveryStatus getRecovery() {
    return recovery;
  }

  public void setRecovery(RecoveryStatus recovery) {
    this.recovery = recovery;
  }

  public RolloutStatus getRollout() {
    return rollout;
  }

  public void setRollout(RolloutStatus rollout) {
    this.rollout = rollout;
  }

  public List<QuarantinedRevision> getQuarantine() {
    return quarantine;
  }

  public void setQuarantine(List<QuarantinedRevision> quarantine) {
    this.quarantine = quarantine;
  }

  public List<HistoryEntry> getHistory() {
    return history;
  }

  public void setHistory(List<HistoryEntry> history) {
    this.history = history;
  }

  @Override
  public String toString() {
    return StatusJson.of(this);
  }
}
