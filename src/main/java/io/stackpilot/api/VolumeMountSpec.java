package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a container sees a volume of the service, whole or one of its subdirectories. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeMountSpec {

  @JsonPropertyDescription("The volume: a name from spec.volumes or spec.storage.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 40)
  private String name;

  @JsonPropertyDescription("Absolute path in the container.")
  @Required
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  private String mountPath;

  @JsonPropertyDescription(
      "A path inside the volume to mount instead of its root, e.g. tv for /export/media/tv.")
  @Size(max = 255)
  @ValidationRule(
      value = "!self.startsWith('/') && !self.split('/').exists(p, p == '..')",
      message =
          "subPath is relative to the volume and may not leave it: remove the leading '/' or '..'")
  private String subPath;

  @JsonPropertyDescription("Mount read-only.")
  private Boolean readOnly;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMountPath() {
    return mountPath;
  }

  public void setMountPath(String mountPath) {
    this.mountPath = mountPath;
  }

  public String getSubPath() {
    return subPath;
  }

  public void setSubPath(String subPath) {
    this.subPath = subPath;
  }

  public Boolean getReadOnly() {
    return readOnly;
  }

  public void setReadOnly(Boolean readOnly) {
    this.readOnly = readOnly;
  }
}
