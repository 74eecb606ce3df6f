package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/**
 * Pods an isolated stack admits: those of a namespace, or those a selector picks there (in the
 * stack's own namespace when no namespace is named).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.namespace) || has(self.podSelector)",
    message =
        "a peer needs a namespace, a podSelector or both: a peer of neither would admit every pod")
public class NetworkPeerSpec {

  @JsonPropertyDescription("The peer's namespace. Default: the stack's own (then podSelector).")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String namespace;

  @JsonPropertyDescription("Pods of that namespace, by label. Default: every pod of it.")
  private LabelSelector podSelector;

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public LabelSelector getPodSelector() {
    return podSelector;
  }

  public void setPodSelector(LabelSelector podSelector) {
    this.podSelector = podSelector;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkPeerSpec other
        && Objects.equals(namespace, other.namespace)
        && Objects.equals(podSelector, other.podSelector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, podSelector);
  }
}
