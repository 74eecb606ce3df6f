package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/** What is particular to a security service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecuritySpec {

  @JsonPropertyDescription("The kind of proxy: Authelia, OAuth2Proxy or Generic.")
  @Required
  private SecurityProvider provider;

  @JsonPropertyDescription(
      "Forward-auth endpoint put in front of the protected services' Ingresses.")
  private ForwardAuthSpec forwardAuth;

  @JsonPropertyDescription("Stack services this one protects, by label.")
  private LabelSelector protects;

  public SecurityProvider getProvider() {
    return provider;
  }

  public void setProvider(SecurityProvider provider) {
    this.provider = provider;
  }

  public ForwardAuthSpec getForwardAuth() {
    return forwardAuth;
  }

  public void setForwardAuth(ForwardAuthSpec forwardAuth) {
    this.forwardAuth = forwardAuth;
  }

  public LabelSelector getProtects() {
    return protects;
  }

  public void setProtects(LabelSelector protects) {
    this.protects = protects;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecuritySpec other
        && Objects.equals(provider, other.provider)
        && Objects.equals(forwardAuth, other.forwardAuth)
        && Objects.equals(protects, other.protects);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, forwardAuth, protects);
  }
}
