package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Settings that a ServiceStack layers under its members. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceDefaults {

  @JsonPropertyDescription("Environment variables for every member (by name; the service wins).")
  @Size(max = 64)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "env must have unique names: two variables share a name")
  @SchemaFrom(type = EnvVarSchema[].class)
  private List<EnvVar> env;

  @JsonPropertyDescription("Configuration entries for every member (by key; the service wins).")
  @Size(max = 128)
  private Map<String, String> config;

  @JsonPropertyDescription("Default CPU and memory requests and limits.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Default Pod Security level: Restricted, Baseline, StartsAsRoot or Privileged.")
  private SecurityProfile securityProfile;

  @JsonPropertyDescription(
      "The uid, gid, volume group, extra groups and added capabilities of every member, e.g. the"
          + " one owner of a shared library; a member's own fields win.")
  private SecurityContextSpec securityContext;

  @JsonPropertyDescription("Default recovery settings.")
  private RecoverySpec recovery;

  @JsonPropertyDescription(
      "Default health check settings (timings; a check itself is usually per service).")
  private HealthSpec health;

  @JsonPropertyDescription("Default StorageClass for claims Stackpilot creates.")
  @Size(max = 253)
  private String storageClassName;

  @JsonPropertyDescription("VolumeSnapshotClass for storage with snapshotBeforeUpgrade.")
  @Size(max = 253)
  private String volumeSnapshotClassName;

  @JsonPropertyDescription("Default node selector.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Default tolerations.")
  @Size(max = 32)
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Secrets for pulling images from private registries.")
  @Size(max = 16)
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("Annotations for every member's pods.")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription("Labels for every member's pods.")
  private Map<String, String> podLabels;

  @JsonPropertyDescription(
      "How exposed members are reached when their expose names neither an ingress class, TLS nor"
          + " a gateway: an ingress class, or a Gateway for HTTPRoutes.")
  private ExposeDefaults expose;

  public ExposeDefaults getExpose() {
    return expose;
  }

  public void setExpose(ExposeDefaults expose) {
    this.expose = expose;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public SecurityContextSpec getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(SecurityContextSpec securityContext) {
    this.securityContext = securityContext;
  }

  public SecurityProfile getSecurityProfile() {
    return securityProfile;
  }

  public void setSecurityProfile(SecurityProfile securityProfile) {
    this.securityProfile = securityProfile;
  }

  public RecoverySpec getRecovery() {
    return recovery;
  }

  public void setRecovery(RecoverySpec recovery) {
    this.recovery = recovery;
  }

  public HealthSpec getHealth() {
    return health;
  }

  public void setHealth(HealthSpec health) {
    this.health = health;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public String getVolumeSnapshotClassName() {
    return volumeSnapshotClassName;
  }

  public void setVolumeSnapshotClassName(String volumeSnapshotClassName) {
    this.volumeSnapshotClassName = volumeSnapshotClassName;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }
}
