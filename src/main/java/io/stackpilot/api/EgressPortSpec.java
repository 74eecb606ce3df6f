package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** A destination port that egress allows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressPortSpec {

  @JsonPropertyDescription("The destination port, 1-65535.")
  @Required
  @Min(1)
  @Max(65535)
  private Integer port;

  @JsonPropertyDescription("TCP (default) or UDP.")
  @Default(SchemaDefaults.PROTOCOL)
  private PortProtocol protocol;

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
    return o instanceof EgressPortSpec other
        && Objects.equals(port, other.port)
        && Objects.equals(protocol, other.protocol);
  }

  @Override
  public int hashCode() {
    return Objects.hash(port, protocol);
  }
}
