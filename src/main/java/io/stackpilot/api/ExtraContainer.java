package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/**
 * A container beside the app (a VPN or backup sidecar) or before it (an init container that
 * prepares its data), in Kubernetes' own names. It runs under the service's security profile and
 * identity, which its own securityContext may refine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.securityContext) || (!has(self.securityContext.fsGroup) && !has(self.securityContext.supplementalGroups))",
    message =
        "fsGroup and supplementalGroups belong to the pod, not to one container: set them in spec.securityContext",
    fieldPath = ".securityContext")
public class ExtraContainer {

  @JsonPropertyDescription(
      "Container name, unique in the pod and not the service's own name (the app's container).")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String name;

  @JsonPropertyDescription(
      "Container image with a tag or digest. A channel may replace it: channels.<channel>.containerImages.")
  @Required
  @Pattern(ImageReference.PATTERN)
  @Size(max = 512)
  private String image;

  @JsonPropertyDescription("The entrypoint, replacing the image's ENTRYPOINT.")
  @Size(max = 64)
  private List<String> command;

  @JsonPropertyDescription("Arguments to the entrypoint, replacing the image's CMD.")
  @Size(max = 256)
  private List<String> args;

  @JsonPropertyDescription("The working directory of the container's process (absolute).")
  @Pattern("^/.*")
  @Size(max = 4096)
  private String workingDir;

  @JsonPropertyDescription(
      "Environment variables. Pass secrets with valueFrom.secretKeyRef, never as a literal value.")
  @Size(max = 64)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "env must have unique names: two variables share a name")
  @SchemaFrom(type = EnvVarSchema[].class)
  private List<EnvVar> env;

  @JsonPropertyDescription("Volumes of the service this container mounts.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.mountPath == a.mountPath))",
      message = "volumeMounts must have unique mountPaths: two mounts share a mountPath")
  private List<VolumeMountSpec> volumeMounts;

  @JsonPropertyDescription("CPU and memory requests and limits.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "The uid, gid, runAsNonRoot and added capabilities of this container, over the service's.")
  private SecurityContextSpec securityContext;

  @JsonPropertyDescription(
      "Always makes an init container a sidecar that starts before the app and runs beside it"
          + " (Kubernetes' native sidecars); only for initContainers.")
  @Pattern("^Always$")
  private String restartPolicy;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public List<String> getCommand() {
    return command;
  }

  public void setCommand(List<String> command) {
    this.command = command;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }

  public String getWorkingDir() {
    return workingDir;
  }

  public void setWorkingDir(String workingDir) {
    this.workingDir = workingDir;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public List<VolumeMountSpec> getVolumeMounts() {
    return volumeMounts;
  }

  public void setVolumeMounts(List<VolumeMountSpec> volumeMounts) {
    this.volumeMounts = volumeMounts;
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

  public String getRestartPolicy() {
    return restartPolicy;
  }

  public void setRestartPolicy(String restartPolicy) {
    this.restartPolicy = restartPolicy;
  }
}
