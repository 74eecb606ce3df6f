package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An HTTP GET health check. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpCheck {

  @JsonPropertyDescription("Path to GET, e.g. /ping; a status from 200 to 399 counts as healthy.")
  @Required
  @Pattern("^/.*")
  @Size(max = 1024)
  private String path;

  @JsonPropertyDescription("Name of the port (from spec.ports) to check.")
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
}
