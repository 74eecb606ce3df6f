package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/**
 * The service's Kubernetes Service beyond its ports: reached on every node (NodePort) or on an
 * address of its own (LoadBalancer), as a DNS server or a media server that is not HTTP needs, and
 * the annotations a load balancer implementation reads (MetalLB's, kube-vip's).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubeServiceSpec {

  @JsonPropertyDescription("ClusterIP (default), NodePort or LoadBalancer.")
  private KubeServiceType type;

  @JsonPropertyDescription(
      "Annotations for the Service, e.g. metallb.universe.tf/loadBalancerIPs (keys under"
          + " stackpilot.io/ are reserved).")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('stackpilot.io/'))",
      message =
          "service.annotations keys under stackpilot.io/ are reserved for Stackpilot: choose another prefix")
  private Map<String, String> annotations;

  public KubeServiceType getType() {
    return type;
  }

  public void setType(KubeServiceType type) {
    this.type = type;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KubeServiceSpec other
        && type == other.type
        && Objects.equals(annotations, other.annotations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, annotations);
  }
}
