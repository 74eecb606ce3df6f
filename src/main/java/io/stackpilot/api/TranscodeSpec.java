package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;

/** Scratch space and devices for transcoding. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TranscodeSpec {

  /** Where the scratch space is mounted in the container. */
  public static final String SCRATCH_MOUNT_PATH = "/transcode";

  @JsonPropertyDescription("Size of an emptyDir mounted at /transcode, e.g. 10Gi.")
  @Pattern(QuantitySyntax.SIZE)
  @Size(max = 32)
  private String scratchSize;

  @JsonPropertyDescription(
      "Host devices for hardware transcoding, e.g. /dev/dri. They need securityProfile Privileged.")
  @Size(max = 8)
  @ValidationRule(
      value = "self.all(d, d.startsWith('/dev/'))",
      message = "transcode.devices must be paths under /dev/, e.g. /dev/dri")
  private List<String> devices;

  public String getScratchSize() {
    return scratchSize;
  }

  public void setScratchSize(String scratchSize) {
    this.scratchSize = scratchSize;
  }

  public List<String> getDevices() {
    return devices;
  }

  public void setDevices(List<String> devices) {
    this.devices = devices;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TranscodeSpec other
        && Objects.equals(scratchSize, other.scratchSize)
        && Objects.equals(devices, other.devices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scratchSize, devices);
  }
}
