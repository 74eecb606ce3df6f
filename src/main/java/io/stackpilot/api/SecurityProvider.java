package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of authentication proxy. */
public enum SecurityProvider {
  @JsonProperty("Authelia")
  AUTHELIA("Authelia"),
  @JsonProperty("OAuth2Proxy")
  OAUTH2_PROXY("OAuth2Proxy"),
  @JsonProperty("Generic")
  GENERIC("Generic");

  private final String value;

  SecurityProvider(String value) {
    this.value = value;
  }

  /** The spelling used in the resource. */
  public String value() {
    return value;
  }
}
