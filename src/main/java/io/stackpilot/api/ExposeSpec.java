package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** How the service is reached from outside the cluster: an Ingress for a host name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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

  @JsonPropertyDescription("TLS settings; without them the Ingress serves plain HTTP.")
  private TlsSpec tls;

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
        && Objects.equals(tls, other.tls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, ingressClassName, tls);
  }
}
