package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecuritySpec;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts a security service's forward auth in front of a protected service's Ingress: every request
 * is first checked with the security service, and only an authenticated one reaches the app.
 */
public final class ForwardAuthIngress {

  private static final String NGINX_AUTH_URL = "nginx.ingress.kubernetes.io/auth-url";
  private static final String NGINX_AUTH_SIGNIN = "nginx.ingress.kubernetes.io/auth-signin";
  private static final String NGINX_AUTH_RESPONSE_HEADERS =
      "nginx.ingress.kubernetes.io/auth-response-headers";
  private static final String TRAEFIK_ROUTER_MIDDLEWARES =
      "traefik.ingress.kubernetes.io/router.middlewares";

  private ForwardAuthIngress() {}

  /**
   * The Ingress with forward auth attached for {@code flavor} (see {@link IngressFlavor#of}), and
   * for Traefik the Middleware it refers to. The given Ingress is not changed.
   *
   * <p>The verification endpoint is {@code
   * http://<protector>.<namespace>.svc.cluster.local:<port><path>} from the protector's
   * spec.security.forwardAuth, its port name resolved through the protector's spec.ports. For
   * Traefik the Middleware is per Ingress, named {@code <ingress>-forward-auth} and owned like the
   * Ingress, so it comes and goes with it and no two services share an object.
   *
   * @param namespace the namespace of the Ingress and the protector
   * @throws IllegalArgumentException when the protector has no forwardAuth, or its port is not one
   *     of the protector's ports (validation reports that first); an Ingress is never left
   *     unguarded silently
   */
  public static ProtectedIngress decorate(
      Ingress ingress, SecurityService protector, String namespace, IngressFlavor flavor) {
    SecuritySpec security = protector.getSpec().getSecurity();
    ForwardAuthEndpoint endpoint = ForwardAuthEndpoint.of(protector, namespace);
    return switch (flavor) {
      case NGINX ->
          new ProtectedIngress(
              withAnnotations(ingress, nginxAnnotations(protector, security, endpoint)),
              Optional.empty());
      case TRAEFIK -> traefik(ingress, namespace, endpoint);
    };
  }

  private static Map<String, String> nginxAnnotations(
      SecurityService protector, SecuritySpec security, ForwardAuthEndpoint endpoint) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(NGINX_AUTH_URL, endpoint.address());
    Optional<String> proxyHost =
        Optional.ofNullable(protector.getSpec().getExpose()).map(ExposeSpec::getHost);
    ForwardAuthConventions.signInUrl(security.getProvider(), proxyHost)
        .ifPresent(signIn -> annotations.put(NGINX_AUTH_SIGNIN, signIn));
    if (!endpoint.responseHeaders().isEmpty()) {
      annotations.put(NGINX_AUTH_RESPONSE_HEADERS, String.join(",", endpoint.responseHeaders()));
    }
    return annotations;
  }

  private static ProtectedIngress traefik(
      Ingress ingress, String namespace, ForwardAuthEndpoint endpoint) {
    GenericKubernetesResource middleware =
        TraefikMiddleware.forwardAuth(ingress.getMetadata(), namespace, endpoint);
    // Traefik names a Middleware from the Kubernetes CRD provider as
    // <namespace>-<name>@kubernetescrd.
    // Forward auth runs first; middlewares the user's annotation names run after it.
    String forwardAuthMiddleware =
        namespace + "-" + middleware.getMetadata().getName() + "@kubernetescrd";
    String theirs =
        Optional.ofNullable(ingress.getMetadata().getAnnotations())
            .map(a -> a.get(TRAEFIK_ROUTER_MIDDLEWARES))
            .filter(m -> !m.isBlank())
            .orElse(null);
    Map<String, String> annotations =
        Map.of(
            TRAEFIK_ROUTER_MIDDLEWARES,
            theirs == null ? forwardAuthMiddleware : forwardAuthMiddleware + "," + theirs);
    return new ProtectedIngress(withAnnotations(ingress, annotations), Optional.of(middleware));
  }

  private static Ingress withAnnotations(Ingress ingress, Map<String, String> added) {
    Map<String, String> annotations =
        new TreeMap<>(Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of()));
    annotations.putAll(added);
    return new IngressBuilder(ingress)
        .editMetadata()
        .withAnnotations(annotations)
        .endMetadata()
        .build();
  }
}
