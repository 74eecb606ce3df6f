package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/**
 * Addresses outside the cluster's pods that members may connect to: a NAS, the LAN's DNS, or the
 * internet ({@code 0.0.0.0/0} except the private ranges).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressCidrSpec {

  @JsonPropertyDescription("An IPv4 or IPv6 range, e.g. 192.168.1.0/24 or 0.0.0.0/0.")
  @Required
  @Size(max = 43)
  private String cidr;

  @JsonPropertyDescription("Ranges inside cidr that stay closed, e.g. 10.0.0.0/8.")
  @Size(max = 16)
  private List<String> except;

  @JsonPropertyDescription("Destination ports. Default: every port.")
  @Size(max = 16)
  private List<EgressPortSpec> ports;

  public String getCidr() {
    return cidr;
  }

  public void setCidr(String cidr) {
    this.cidr = cidr;
  }

  public List<String> getExcept() {
    return except;
  }

  public void setExcept(List<String> except) {
    this.except = except;
  }

  public List<EgressPortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<EgressPortSpec> ports) {
    this.ports = ports;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EgressCidrSpec other
        && Objects.equals(cidr, other.cidr)
        && Objects.equals(except, other.except)
        && Objects.equals(ports, other.ports);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cidr, except, ports);
  }
}
