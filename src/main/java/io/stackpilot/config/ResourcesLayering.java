package io.stackpilot.config;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Effective resources: requests and limits merge by resource name, so a stack can set a memory
 * limit for everyone while a service raises only its CPU request. Dynamic resource claims merge by
 * name.
 */
final class ResourcesLayering {

  private ResourcesLayering() {}

  static ResourceRequirements layer(List<LayerInput> layers, Map<String, Layer> provenance) {
    LayeredMap<Quantity> requests = LayeredMap.ofCopies("resources.requests", provenance);
    LayeredMap<Quantity> limits = LayeredMap.ofCopies("resources.limits", provenance);
    var claims = new LayeredList<>("resources.claims", ResourceClaim::getName, provenance);
    for (LayerInput input : layers) {
      ResourceRequirements resources = input.resources();
      if (resources == null) {
        continue;
      }
      requests.put(input.layer(), resources.getRequests());
      limits.put(input.layer(), resources.getLimits());
      claims.put(input.layer(), resources.getClaims());
    }
    // Plain mutable collections, as in any ResourceRequirements: the renderer may adjust its copy.
    return new ResourceRequirements(
        new ArrayList<>(claims.items()),
        new TreeMap<>(limits.entries()),
        new TreeMap<>(requests.entries()));
  }
}
