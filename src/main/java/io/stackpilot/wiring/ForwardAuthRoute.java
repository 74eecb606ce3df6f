package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.SecurityService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a security service's forward auth in front of a protected service's HTTPRoute. The Gateway
 * API has no forward auth of its own; Traefik's Gateway provider runs a Middleware named in a
 * rule's {@code ExtensionRef} filter, so each rule of the route gets one, pointing at a
 * forward-auth Middleware like the one of a Traefik Ingress.
 *
 * <p>A Gateway implementation that does not know the filter must not skip it: the Gateway API
 * requires that a rule whose filter cannot be resolved answers with an error. A protected app
 * behind another implementation is therefore unreachable, never reachable unprotected.
 */
public final class ForwardAuthRoute {

  private static final KubernetesSerialization COPY = new KubernetesSerialization();

  private ForwardAuthRoute() {}

  /**
   * The route with the Middleware's filter first in each rule, and the Middleware, in the order
   * they are applied (the Middleware first, so the route never names one that is not there). The
   * given route is not changed.
   *
   * @throws IllegalArgumentException as {@link ForwardAuthEndpoint#of} does
   */
  @SuppressWarnings("unchecked")
  public static List<HasMetadata> decorate(
      GenericKubernetesResource route, SecurityService protector, String namespace) {
    ForwardAuthEndpoint endpoint = ForwardAuthEndpoint.of(protector, namespace);
    GenericKubernetesResource middleware =
        TraefikMiddleware.forwardAuth(route.getMetadata(), namespace, endpoint);
    GenericKubernetesResource guarded = COPY.clone(route);
    Map<String, Object> spec = (Map<String, Object>) guarded.getAdditionalProperties().get("spec");
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) spec.get("rules")) {
      Map<String, Object> withAuth = new LinkedHashMap<>(rule);
      List<Object> filters = new ArrayList<>();
      filters.add(
          Map.of(
              "type",
              "ExtensionRef",
              "extensionRef",
              Map.of(
                  "group",
                  TraefikMiddleware.GROUP,
                  "kind",
                  TraefikMiddleware.KIND,
                  "name",
                  middleware.getMetadata().getName())));
      Object theirs = rule.get("filters");
      if (theirs instanceof List<?> list) {
        filters.addAll(list);
      }
      withAuth.put("filters", filters);
      rules.add(withAuth);
    }
    Map<String, Object> guardedSpec = new LinkedHashMap<>(spec);
    guardedSpec.put("rules", rules);
    guarded.getAdditionalProperties().put("spec", guardedSpec);
    return List.of(middleware, guarded);
  }
}
