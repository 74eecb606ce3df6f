package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Access mode of a claim Stackpilot creates. */
public enum VolumeAccessMode {
  @JsonProperty("ReadWriteOnce")
  READ_WRITE_ONCE("ReadWriteOnce"),
  @JsonProperty("ReadWriteMany")
  READ_WRITE_MANY("ReadWriteMany"),
  @JsonProperty("ReadWriteOncePod")
  READ_WRITE_ONCE_POD("ReadWriteOncePod");

  private final String value;

  VolumeAccessMode(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
