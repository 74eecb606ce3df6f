package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Where the security service answers forward-auth requests of an ingress controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForwardAuthSpec {

  @JsonPropertyDescription(
      "Path of the verification endpoint, e.g. /api/verify for Authelia or /oauth2/auth for oauth2-proxy.")
  @Required
  @Pattern("^/.*")
  @Size(max = 255)
  private String path;

  @JsonPropertyDescription("Name of the port (from spec.ports) serving it.")
  @Required
  @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 15)
  private String port;

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public String getPort() {
    return port;
  }

  public void setPort(String port) {
    this.port = port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForwardAuthSpec other
        && Objects.equals(path, other.path)
        && Objects.equals(port, other.port);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, port);
  }
}
