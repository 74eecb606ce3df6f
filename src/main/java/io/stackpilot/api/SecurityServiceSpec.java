package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Spec of a security service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityServiceSpec extends ServiceSpec {

  @JsonPropertyDescription("Provider, forward auth and what it protects.")
  @Required
  private SecuritySpec security;

  public SecuritySpec getSecurity() {
    return security;
  }

  public void setSecurity(SecuritySpec security) {
    this.security = security;
  }
}
