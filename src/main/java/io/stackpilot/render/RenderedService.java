package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything Stackpilot applies for one revision of a service, and that revision.
 *
 * @param exposure how the service is reached from outside: an Ingress, or a Gateway API HTTPRoute
 */
public record RenderedService(
    String revision,
    Deployment deployment,
    Optional<Service> service,
    List<ConfigMap> configMaps,
    List<PersistentVolumeClaim> claims,
    Optional<HasMetadata> exposure) {

  /** The exposure when it is an Ingress. */
  public Optional<Ingress> ingress() {
    return exposure.filter(Ingress.class::isInstance).map(Ingress.class::cast);
  }

  /**
   * In the order they are applied: what the pods mount and reach first, the Deployment, then the
   * exposure (an Ingress, or an HTTPRoute).
   */
  public List<HasMetadata> objects() {
    List<HasMetadata> all = new ArrayList<>(configMaps);
    all.addAll(claims);
    service.ifPresent(all::add);
    all.add(deployment);
    exposure.ifPresent(all::add);
    return all;
  }
}
