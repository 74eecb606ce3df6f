package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** A named port the service listens on; it is exposed through the service's Kubernetes Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PortSpec {

  @JsonPropertyDescription(
      "Port name, an IANA service name such as http or metrics (a port named metrics is scraped by monitoring services).")
  @Required
  @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 15)
  private String name;

  @JsonPropertyDescription("Port number in the container, 1-65535.")
  @Required
  @Min(1)
  @Max(65535)
  private Integer port;

  @JsonPropertyDescription(
      "The port on every node, 30000-32767, for a service of type NodePort or LoadBalancer."
          + " Default: one the cluster picks.")
  @Min(30000)
  @Max(32767)
  private Integer nodePort;

  @JsonPropertyDescription("TCP (default) or UDP.")
  @Default(SchemaDefaults.PROTOCOL)
  private PortProtocol protocol;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getNodePort() {
    return nodePort;
  }

  public void setNodePort(Integer nodePort) {
    this.nodePort = nodePort;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public PortProtocol getProtocol() {
    return protocol;
  }

  public void setProtocol(PortProtocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortSpec other
        && Objects.equals(name, other.name)
        && Objects.equals(port, other.port)
        && Objects.equals(protocol, other.protocol)
        && Objects.equals(nodePort, other.nodePort);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, port, protocol, nodePort);
  }
}
