package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** A media library: an existing claim mounted into the service, read-only unless said otherwise. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MediaLibrary {

  @JsonPropertyDescription("Library name, unique within the service.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 30)
  private String name;

  @JsonPropertyDescription("Existing PersistentVolumeClaim that holds the library.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String claimName;

  @JsonPropertyDescription("Absolute path where the library is mounted, e.g. /data/tv.")
  @Required
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  private String mountPath;

  @JsonPropertyDescription(
      "Mount read-only (default true); Sonarr and Radarr need write access to import.")
  @Default(SchemaDefaults.LIBRARY_READ_ONLY)
  private Boolean readOnly;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getClaimName() {
    return claimName;
  }

  public void setClaimName(String claimName) {
    this.claimName = claimName;
  }

  public String getMountPath() {
    return mountPath;
  }

  public void setMountPath(String mountPath) {
    this.mountPath = mountPath;
  }

  public Boolean getReadOnly() {
    return readOnly;
  }

  public void setReadOnly(Boolean readOnly) {
    this.readOnly = readOnly;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaLibrary other
        && Objects.equals(name, other.name)
        && Objects.equals(claimName, other.claimName)
        && Objects.equals(mountPath, other.mountPath)
        && Objects.equals(readOnly, other.readOnly);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, claimName, mountPath, readOnly);
  }
}
