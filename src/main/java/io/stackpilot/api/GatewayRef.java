package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * The Gateway (Gateway API) an exposed service's HTTPRoute attaches to, and optionally one of its
 * listeners.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewayRef {

  @JsonPropertyDescription("Name of the Gateway.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String name;

  @JsonPropertyDescription(
      "Namespace of the Gateway; default: the service's. A Gateway in another namespace must"
          + " allow routes from this one (its listener's allowedRoutes).")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String namespace;

  @JsonPropertyDescription(
      "Name of the Gateway's listener to attach to, e.g. websecure; default: every listener that"
          + " admits the route.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @Size(max = 253)
  private String sectionName;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getSectionName() {
    return sectionName;
  }

  public void setSectionName(String sectionName) {
    this.sectionName = sectionName;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatewayRef other
        && Objects.equals(name, other.name)
        && Objects.equals(namespace, other.namespace)
        && Objects.equals(sectionName, other.sectionName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, namespace, sectionName);
  }
}
