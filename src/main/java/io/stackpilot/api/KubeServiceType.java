package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the service's Kubernetes Service is reached, in Kubernetes' own names. */
public enum KubeServiceType {
  @JsonProperty("ClusterIP")
  CLUSTER_IP("ClusterIP"),
  @JsonProperty("NodePort")
  NODE_PORT("NodePort"),
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER("LoadBalancer");

  private final String value;

  KubeServiceType(String value) {
    this.value = value;
  }

  /** The spelling used in the resource and in the Service. */
  public String value() {
    return value;
  }
}
