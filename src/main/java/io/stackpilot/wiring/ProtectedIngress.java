package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Ingress with forward auth attached, and the Traefik Middleware it refers to when Traefik
 * serves it.
 */
public record ProtectedIngress(Ingress ingress, Optional<GenericKubernetesResource> middleware) {

  /**
   * In the order they are applied: the Middleware first, so that Traefik never sees a router that
   * names a Middleware it cannot find (it would refuse the route rather than serve it unprotected).
   */
  public List<HasMetadata> objects() {
    List<HasMetadata> all = new ArrayList<>();
    middleware.ifPresent(all::add);
    all.add(ingress);
    return all;
  }
}
