package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * How a stack's exposed members are reached when their own expose chooses neither an Ingress (an
 * ingressClassName or TLS) nor a Gateway: the stack's ingress class, or its Gateway.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.ingressClassName) && has(self.gateway))",
    message =
        "expose.ingressClassName (an Ingress) and expose.gateway (an HTTPRoute) are two ways to"
            + " expose the members: set one of them")
public class ExposeDefaults {

  @JsonPropertyDescription("IngressClass of the members' Ingresses, e.g. nginx or traefik.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String ingressClassName;

  @JsonPropertyDescription("Gateway the members' HTTPRoutes attach to, instead of Ingresses.")
  private GatewayRef gateway;

  public String getIngressClassName() {
    return ingressClassName;
  }

  public void setIngressClassName(String ingressClassName) {
    this.ingressClassName = ingressClassName;
  }

  public GatewayRef getGateway() {
    return gateway;
  }

  public void setGateway(GatewayRef gateway) {
    this.gateway = gateway;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExposeDefaults other
        && Objects.equals(ingressClassName, other.ingressClassName)
        && Objects.equals(gateway, other.gateway);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ingressClassName, gateway);
  }
}
