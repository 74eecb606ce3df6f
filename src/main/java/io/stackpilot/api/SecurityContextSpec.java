package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The identity the app runs with, in Kubernetes' own names, over what the security profile sets:
 * for data that another uid owns, or a group that may read a shared library.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityContextSpec {

  @JsonPropertyDescription(
      "The uid the container's process runs as. Restricted runs as 1000 unless set; 0 (root) only"
          + " under Baseline, StartsAsRoot or Privileged.")
  @Min(0)
  @Max(2147483647)
  private Long runAsUser;

  @JsonPropertyDescription("The primary gid of the container's process.")
  @Min(0)
  @Max(2147483647)
  private Long runAsGroup;

  @JsonPropertyDescription(
      "Refuse to start the container as root. Restricted sets it; false only outside Restricted.")
  private Boolean runAsNonRoot;

  @JsonPropertyDescription(
      "The group that owns the volumes (the kubelet changes their group), so the app can write"
          + " them whatever uid it runs as.")
  @Min(0)
  @Max(2147483647)
  private Long fsGroup;

  @JsonPropertyDescription(
      "More groups for the process, e.g. the group that owns a media library on an NFS share.")
  @Size(max = 16)
  private List<Long> supplementalGroups;

  @JsonPropertyDescription("Capabilities added on top of the profile's.")
  private CapabilitiesSpec capabilities;

  public Long getRunAsUser() {
    return runAsUser;
  }

  public void setRunAsUser(Long runAsUser) {
    this.runAsUser = runAsUser;
  }

  public Long getRunAsGroup() {
    return runAsGroup;
  }

  public void setRunAsGroup(Long runAsGroup) {
    this.runAsGroup = runAsGroup;
  }

  public Boolean getRunAsNonRoot() {
    return runAsNonRoot;
  }

  public void setRunAsNonRoot(Boolean runAsNonRoot) {
    this.runAsNonRoot = runAsNonRoot;
  }

  public Long getFsGroup() {
    return fsGroup;
  }

  public void setFsGroup(Long fsGroup) {
    this.fsGroup = fsGroup;
  }

  public List<Long> getSupplementalGroups() {
    return supplementalGroups;
  }

  public void setSupplementalGroups(List<Long> supplementalGroups) {
    this.supplementalGroups = supplementalGroups;
  }

  public CapabilitiesSpec getCapabilities() {
    return capabilities;
  }

  public void setCapabilities(CapabilitiesSpec capabilities) {
    this.capabilities = capabilities;
  }
}
