package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import java.util.Objects;

/**
 * How the service is reached from outside the cluster: an Ingress for a host name, or a Gateway API
 * HTTPRoute attached to a Gateway.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.gateway) || (!has(self.ingressClassName) && !has(self.tls))",
    message =
        "expose.gateway renders an HTTPRoute, which has no class or TLS of its own (the Gateway's"
            + " listener holds the certificate): remove expose.ingressClassName and expose.tls, or"
            + " remove expose.gateway to get an Ingress",
    fieldPath = ".gateway")
public class ExposeSpec {

  @JsonPropertyDescription("Host name, e.g. sonarr.home.example.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String host;

  @JsonPropertyDescription("Name of the port to expose; defaults to the first port.")
  @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 15)
  private String port;

  @JsonPropertyDescription("IngressClass to use, e.g. nginx or traefik.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String ingressClassName;

  @JsonPropertyDescription(
      "Attach an HTTPRoute to this Gateway (Gateway API) instead of rendering an Ingress.")
  private GatewayRef gateway;

  @JsonPropertyDescription("TLS settings; without them the Ingress serves plain HTTP.")
  private TlsSpec tls;

  @JsonPropertyDescription("Path prefix the Ingress routes to the service. Default: /.")
  @Pattern("^/[^\\x00 ]*$")
  @Size(max = 255)
  private String path;

  @JsonPropertyDescription(
      "Annotations for the Ingress, e.g. cert-manager.io/cluster-issuer or the controller's own;"
          + " forward auth's are added over them (keys under stackpilot.io/ are reserved).")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, !k.startsWith('stackpilot.io/'))",
      message =
          "expose.annotations keys under stackpilot.io/ are reserved for Stackpilot: choose another prefix")
  private Map<String, String> annotations;

  public GatewayRef getGateway() {
    return gateway;
  }

  public void setGateway(GatewayRef gateway) {
    this.gateway = gateway;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getPort() {
    return port;
  }

  public void setPort(String port) {
    this.port = port;
  }

  public String getIngressClassName() {
    return ingressClassName;
  }

  public void setIngressClassName(String ingressClassName) {
    this.ingressClassName = ingressClassName;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExposeSpec other
        && Objects.equals(host, other.host)
        && Objects.equals(port, other.port)
        && Objects.equals(ingressClassName, other.ingressClassName)
        && Objects.equals(tls, other.tls)
        && Objects.equals(path, other.path)
        && Objects.equals(annotations, other.annotations)
        && Objects.equals(gateway, other.gateway);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, ingressClassName, tls, path, annotations, gateway);
  }
}
