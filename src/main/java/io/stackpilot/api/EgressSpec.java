package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/**
 * The connections an isolated stack's members may open. Open by default: indexers, download clients
 * and metadata fetchers reach the internet, and a stack that cut them off would break them
 * silently.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EgressSpec {

  @JsonPropertyDescription(
      "Open (default): members connect anywhere. Restrict: only to what the stack derives (the"
          + " services a member dependsOn; what a monitoring role reads: the services a Metrics"
          + " service scrapes, the stack's Metrics services for Dashboards, its exposed services"
          + " for Uptime), to DNS, and to the CIDRs and peers below.")
  @Default(SchemaDefaults.EGRESS_MODE)
  private EgressMode mode;

  @JsonPropertyDescription(
      "The cluster's DNS pods, allowed on port 53 (UDP and TCP) under Restrict. Default:"
          + " namespace kube-system, podSelector k8s-app=kube-dns (CoreDNS on kubeadm and k3s).")
  private NetworkPeerSpec dns;

  @JsonPropertyDescription("Addresses outside the cluster's pods that members may connect to.")
  @Size(max = 16)
  private List<EgressCidrSpec> toCIDRs;

  @JsonPropertyDescription("More pods that members may connect to, on every port.")
  @Size(max = 16)
  private List<NetworkPeerSpec> toPeers;

  public EgressMode getMode() {
    return mode;
  }

  public void setMode(EgressMode mode) {
    this.mode = mode;
  }

  public NetworkPeerSpec getDns() {
    return dns;
  }

  public void setDns(NetworkPeerSpec dns) {
    this.dns = dns;
  }

  public List<EgressCidrSpec> getToCIDRs() {
    return toCIDRs;
  }

  public void setToCIDRs(List<EgressCidrSpec> toCIDRs) {
    this.toCIDRs = toCIDRs;
  }

  public List<NetworkPeerSpec> getToPeers() {
    return toPeers;
  }

  public void setToPeers(List<NetworkPeerSpec> toPeers) {
    this.toPeers = toPeers;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EgressSpec other
        && Objects.equals(mode, other.mode)
        && Objects.equals(dns, other.dns)
        && Objects.equals(toCIDRs, other.toCIDRs)
        && Objects.equals(toPeers, other.toPeers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, dns, toCIDRs, toPeers);
  }
}
