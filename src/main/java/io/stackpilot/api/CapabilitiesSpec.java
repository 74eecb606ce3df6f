package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Linux capabilities the container gets on top of what its security profile leaves it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CapabilitiesSpec {

  @JsonPropertyDescription(
      "Capabilities to add, without the CAP_ prefix, e.g. NET_BIND_SERVICE. Only those the"
          + " securityProfile allows: NET_BIND_SERVICE under Restricted, Pod Security's baseline"
          + " list under Baseline and StartsAsRoot.")
  // Names are checked by the operator (SecurityContextCheck): a CEL rule over a list of strings
  // of unbounded length costs more than the API server's budget for a CRD.
  @Size(max = 16)
  private List<String> add;

  public List<String> getAdd() {
    return add;
  }

  public void setAdd(List<String> add) {
    this.add = add;
  }
}
