package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;

/**
 * A volume beside the service's storage, in Kubernetes' own names: an NFS share, a directory of the
 * node, a Secret's or ConfigMap's keys as files, or scratch space (on disk or in memory). Mounted
 * by volumeMounts, of the app or of its extra and init containers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "[has(self.nfs), has(self.hostPath), has(self.secret), has(self.configMap), has(self.emptyDir)].filter(s, s).size() == 1",
    message =
        "a volume needs exactly one source: set one of nfs, hostPath, secret, configMap or emptyDir")
@ValidationRule(
    value = "!has(self.nfs) || (has(self.nfs.server) && has(self.nfs.path))",
    message = "nfs needs server and path, e.g. server: nas.lan, path: /export/media",
    fieldPath = ".nfs")
@ValidationRule(
    value = "!has(self.hostPath) || has(self.hostPath.path)",
    message = "hostPath needs path, the directory or file on the node",
    fieldPath = ".hostPath")
@ValidationRule(
    value = "!has(self.secret) || has(self.secret.secretName)",
    message = "secret needs secretName, the Secret whose keys become files",
    fieldPath = ".secret")
@ValidationRule(
    value = "!has(self.configMap) || has(self.configMap.name)",
    message = "configMap needs name, the ConfigMap whose keys become files",
    fieldPath = ".configMap")
public class ExtraVolume {

  @JsonPropertyDescription(
      "Volume name, unique among spec.volumes and spec.storage; volumeMounts refer to it.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 40)
  private String name;

  @JsonPropertyDescription(
      "An NFS export (server, path, readOnly). Not allowed by Pod Security's restricted level:"
          + " needs securityProfile Baseline, StartsAsRoot or Privileged.")
  private NFSVolumeSource nfs;

  @JsonPropertyDescription(
      "A path on the node (path, type). Only under securityProfile Privileged, as Pod Security's"
          + " baseline forbids it; the data stays on that one node.")
  private HostPathVolumeSource hostPath;

  @JsonPropertyDescription(
      "A Secret's keys as files (secretName, items, defaultMode), e.g. a users database.")
  private SecretVolumeSource secret;

  @JsonPropertyDescription("A ConfigMap's keys as files (name, items, defaultMode).")
  private ConfigMapVolumeSource configMap;

  @JsonPropertyDescription(
      "Scratch space that lives as long as the pod (medium: Memory for RAM, sizeLimit).")
  private EmptyDirVolumeSource emptyDir;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public NFSVolumeSource getNfs() {
    return nfs;
  }

  public void setNfs(NFSVolumeSource nfs) {
    this.nfs = nfs;
  }

  public HostPathVolumeSource getHostPath() {
    return hostPath;
  }

  public void setHostPath(HostPathVolumeSource hostPath) {
    this.hostPath = hostPath;
  }

  public SecretVolumeSource getSecret() {
    return secret;
  }

  public void setSecret(SecretVolumeSource secret) {
    this.secret = secret;
  }

  public ConfigMapVolumeSource getConfigMap() {
    return configMap;
  }

  public void setConfigMap(ConfigMapVolumeSource configMap) {
    this.configMap = configMap;
  }

  public EmptyDirVolumeSource getEmptyDir() {
    return emptyDir;
  }

  public void setEmptyDir(EmptyDirVolumeSource emptyDir) {
    this.emptyDir = emptyDir;
  }
}
