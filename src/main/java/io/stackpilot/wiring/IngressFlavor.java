package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The ingress controller an Ingress is meant for, which decides how forward auth is attached: nginx
 * reads annotations, Traefik needs a Middleware object.
 */
public enum IngressFlavor {
  NGINX,
  TRAEFIK;

  /**
   * From the Ingress's ingressClassName: a class name containing "traefik" means Traefik; any
   * other, or none, means ingress-nginx.
   */
  public static IngressFlavor of(Ingress ingress) {
    return Optional.ofNullable(ingress.getSpec())
        .map(IngressSpec::getIngressClassName)
        .filter(className -> className.toLowerCase(Locale.ROOT).contains("traefik"))
        .map(className -> TRAEFIK)
        .orElse(NGINX);
  }
}
