package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The stable and beta channels of a service. stable is required; beta only when a beta build
 * exists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Channels {

  @JsonPropertyDescription("The stable channel: what the service runs unless it opts into beta.")
  @Required
  private ChannelSpec stable;

  @JsonPropertyDescription(
      "The beta channel: a newer build rolled out in stages (see betaRollout) and rolled back to stable when it misbehaves.")
  private ChannelSpec beta;

  public ChannelSpec getStable() {
    return stable;
  }

  public void setStable(ChannelSpec stable) {
    this.stable = stable;
  }

  public ChannelSpec getBeta() {
    return beta;
  }

  public void setBeta(ChannelSpec beta) {
    this.beta = beta;
  }
}
