package io.stackpilot.render;

/**
 * Which Deployment of a service: the main one, or the beta canary that runs beside it during a
 * staged rollout of a multi-replica service.
 */
public enum Track {
  STABLE("stable", ""),
  BETA("beta", "-beta");

  private final String value;
  private final String nameSuffix;

  Track(String value, String nameSuffix) {
    this.value = value;
    this.nameSuffix = nameSuffix;
  }

  public String value() {
    return value;
  }

  public String deploymentName(String serviceName) {
    return serviceName + nameSuffix;
  }
}
