package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/**
 * Who reaches an isolated stack from outside what the stack derives: its ingress controller,
 * scrapers of a Prometheus it does not run, and anything else named.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IsolationSpec {

  @JsonPropertyDescription(
      "The ingress controller's pods, admitted to each exposed port and to forward-auth ports."
          + " Default: namespace ingress-nginx. On k3s: namespace kube-system, podSelector"
          + " app.kubernetes.io/name=traefik.")
  private NetworkPeerSpec ingressController;

  @JsonPropertyDescription(
      "Scrapers outside the stack (e.g. kube-prometheus-stack's Prometheus), admitted to each"
          + " member's port named metrics.")
  @Size(max = 8)
  private List<NetworkPeerSpec> scrapers;

  @JsonPropertyDescription("More peers admitted to every port of every member.")
  @Size(max = 16)
  private List<NetworkPeerSpec> allowFrom;

  @JsonPropertyDescription(
      "The connections members may open. Default: mode Open, egress not restricted.")
  private EgressSpec egress;

  public EgressSpec getEgress() {
    return egress;
  }

  public void setEgress(EgressSpec egress) {
    this.egress = egress;
  }

  public NetworkPeerSpec getIngressController() {
    return ingressController;
  }

  public void setIngressController(NetworkPeerSpec ingressController) {
    this.ingressController = ingressController;
  }

  public List<NetworkPeerSpec> getScrapers() {
    return scrapers;
  }

  public void setScrapers(List<NetworkPeerSpec> scrapers) {
    this.scrapers = scrapers;
  }

  public List<NetworkPeerSpec> getAllowFrom() {
    return allowFrom;
  }

  public void setAllowFrom(List<NetworkPeerSpec> allowFrom) {
    this.allowFrom = allowFrom;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IsolationSpec other
        && Objects.equals(ingressController, other.ingressController)
        && Objects.equals(scrapers, other.scrapers)
        && Objects.equals(allowFrom, other.allowFrom)
        && Objects.equals(egress, other.egress);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ingressController, scrapers, allowFrom, egress);
  }
}
