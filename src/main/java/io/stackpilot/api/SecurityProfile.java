package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pod Security Standards level the pods are hardened for. */
public enum SecurityProfile {
  @JsonProperty("Restricted")
  RESTRICTED("Restricted"),
  @JsonProperty("Baseline")
  BASELINE("Baseline"),
  /**
   * Images that start as root to set up (own their volumes, switch to PUID/PGID) and then drop to
   * an unprivileged user, as linuxserver.io's and hotio's do: root at start, with only the
   * capabilities that needs, within Pod Security's baseline.
   */
  @JsonProperty("StartsAsRoot")
  STARTS_AS_ROOT("StartsAsRoot"),
  @JsonProperty("Privileged")
  PRIVILEGED("Privileged");

  private final String value;

  SecurityProfile(String value) {
    this.value = value;
  }

  /**
   * The profile a service of this kind gets when neither it nor its stack names one. Media services
   * are mostly images that start as root and drop to PUID/PGID (linuxserver.io, hotio), which
   * Restricted breaks: they get StartsAsRoot. Security and monitoring apps run as their own user
   * and stay Restricted.
   */
  public static SecurityProfile defaultFor(ServiceKind kind) {
    return kind == ServiceKind.MEDIA_SERVICE ? STARTS_AS_ROOT : RESTRICTED;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
