package io.stackpilot.config;

import io.stackpilot.api.ExposeDefaults;
import io.stackpilot.api.ExposeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective exposure: the service's own expose, and where it chooses neither an Ingress (an
 * ingress class or TLS) nor a Gateway, the stack's choice for it, the category's over the base's.
 * Host, path, port and annotations are always the service's own.
 */
final class ExposureLayering {

  private ExposureLayering() {}

  static Optional<ExposeSpec> layer(
      ExposeSpec own, List<LayerInput> layers, Map<String, Layer> provenance) {
    if (own == null) {
      return Optional.empty();
    }
    ExposeSpec expose = Copies.deep(own);
    if (expose.getIngressClassName() != null
        || expose.getGateway() != null
        || expose.getTls() != null) {
      return Optional.of(expose);
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      LayerInput input = layers.get(i);
      ExposeDefaults defaults = input.expose();
      if (defaults == null) {
        continue;
      }
      if (defaults.getGateway() != null) {
        expose.setGateway(Copies.deep(defaults.getGateway()));
        provenance.put("expose.gateway", input.layer());
        break;
      }
      if (defaults.getIngressClassName() != null) {
        expose.setIngressClassName(defaults.getIngressClassName());
        provenance.put("expose.ingressClassName", input.layer());
        break;
      }
    }
    return Optional.of(expose);
  }
}
