package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.GatewayRef;
import io.stackpilot.api.PortSpec;
import io.stackpilot.config.EffectiveService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTPRoute (Gateway API, gateway.networking.k8s.io/v1) of a service exposed through a Gateway:
 * its host name and path prefix to the service's exposed port. Rendered as a generic object, since
 * the API is an add-on a cluster may not serve.
 */
public final class HttpRouteRenderer {

  public static final String API_VERSION = "gateway.networking.k8s.io/v1";
  public static final String KIND = "HTTPRoute";

  private HttpRouteRenderer() {}

  static Optional<GenericKubernetesResource> render(
      EffectiveService service, OwnerReference owner) {
    Optional<PortSpec> exposedPort = ExposedPort.of(service);
    if (exposedPort.isEmpty() || service.expose().get().getGateway() == null) {
      return Optional.empty();
    }
    ExposeSpec expose = service.expose().get();
    GatewayRef gateway = expose.getGateway();
    Map<String, Object> parent = new LinkedHashMap<>();
    parent.put("group", "gateway.networking.k8s.io");
    parent.put("kind", "Gateway");
    parent.put("name", gateway.getName());
    if (gateway.getNamespace() != null) {
      parent.put("namespace", gateway.getNamespace());
    }
    if (gateway.getSectionName() != null) {
      parent.put("sectionName", gateway.getSectionName());
    }
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put(
        "matches",
        List.of(
            Map.of(
                "path",
                Map.of(
                    "type",
                    "PathPrefix",
                    "value",
                    expose.getPath() == null ? "/" : expose.getPath()))));
    // A route's backend names the Service's port by number: the Gateway API has no port names.
    rule.put(
        "backendRefs",
        List.of(Map.of("name", service.name(), "port", exposedPort.get().getPort())));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("parentRefs", List.of(parent));
    spec.put("hostnames", List.of(expose.getHost()));
    spec.put("rules", List.of(rule));
    return Optional.of(
        new GenericKubernetesResourceBuilder()
            .withApiVersion(API_VERSION)
            .withKind(KIND)
            .withNewMetadata()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(Labels.standard(service))
            .withOwnerReferences(owner)
            .withAnnotations(
                expose.getAnnotations() == null || expose.getAnnotations().isEmpty()
                    ? null
                    : new TreeMap<>(expose.getAnnotations()))
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build());
  }

  /** Whether an object is a rendered HTTPRoute. */
  public static boolean isRoute(io.fabric8.kubernetes.api.model.HasMetadata object) {
    return API_VERSION.equals(object.getApiVersion()) && KIND.equals(object.getKind());
  }
}
