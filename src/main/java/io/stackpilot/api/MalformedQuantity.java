package io.stackpilot.api;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Objects;

/**
 * A quantity in a resource that is not a Kubernetes quantity (e.g. "1 Gi"), kept as written. The
 * CRD cannot check the requests and limits it takes from core/v1, so the API server stores whatever
 * text it is given; the operator must still be able to read such a resource, and validation reports
 * it. It compares by its text, as {@link Quantity#equals} would throw on it.
 */
public final class MalformedQuantity extends Quantity {

  private final String text;

  public MalformedQuantity(String text) {
    super(text, "");
    this.text = text;
  }

  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MalformedQuantity malformed && Objects.equals(text, malformed.text);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(text);
  }

  @Override
  public int compareTo(Quantity other) {
    return other instanceof MalformedQuantity malformed ? text.compareTo(malformed.text) : -1;
  }

  @Override
  public String toString() {
    return text;
  }
}
