package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Traefik Middleware (traefik.io/v1alpha1) that sends each request of an exposed app to its
 * protector first. One per exposure object, named {@code <object>-forward-auth} and labelled and
 * owned like it, so it comes and goes with it and no two apps share one.
 */
final class TraefikMiddleware {

  static final String API_VERSION = "traefik.io/v1alpha1";
  static final String KIND = "Middleware";
  static final String GROUP = "traefik.io";

  private TraefikMiddleware() {}

  static String nameFor(ObjectMeta exposure) {
    return exposure.getName() + "-forward-auth";
  }

  static GenericKubernetesResource forwardAuth(
      ObjectMeta exposure, String namespace, ForwardAuthEndpoint endpoint) {
    Map<String, Object> forwardAuth = new LinkedHashMap<>();
    forwardAuth.put("address", endpoint.address());
    if (!endpoint.responseHeaders().isEmpty()) {
      forwardAuth.put("authResponseHeaders", endpoint.responseHeaders());
    }
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(KIND)
        .withNewMetadata()
        .withName(nameFor(exposure))
        .withNamespace(namespace)
        .withLabels(exposure.getLabels())
        .withOwnerReferences(exposure.getOwnerReferences())
        .endMetadata()
        .addToAdditionalProperties("spec", Map.of("forwardAuth", forwardAuth))
        .build();
  }
}
