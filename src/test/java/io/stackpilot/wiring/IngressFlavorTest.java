package io.stackpilot.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import org.junit.jupiter.api.Test;

class IngressFlavorTest {

  @Test
  void aTraefikClassMeansTraefik() {
    assertThat(IngressFlavor.of(Ingresses.sonarr("traefik"))).isEqualTo(IngressFlavor.TRAEFIK);
    assertThat(IngressFlavor.of(Ingresses.sonarr("traefik-internal")))
        .isEqualTo(IngressFlavor.TRAEFIK);
    assertThat(IngressFlavor.of(Ingresses.sonarr("public.traefik.io")))
        .isEqualTo(IngressFlavor.TRAEFIK);
    assertThat(IngressFlavor.of(withClass("Traefik"))).isEqualTo(IngressFlavor.TRAEFIK);
  }

  @Test
  void anyOtherClassMeansNginx() {
    assertThat(IngressFlavor.of(Ingresses.sonarr("nginx"))).isEqualTo(IngressFlavor.NGINX);
    assertThat(IngressFlavor.of(Ingresses.sonarr("haproxy"))).isEqualTo(IngressFlavor.NGINX);
  }

  @Test
  void noClassMeansNginx() {
    assertThat(IngressFlavor.of(Ingresses.sonarr(null))).isEqualTo(IngressFlavor.NGINX);
    assertThat(IngressFlavor.of(new Ingress())).isEqualTo(IngressFlavor.NGINX);
  }

  private static Ingress withClass(String ingressClassName) {
    return new IngressBuilder()
        .withNewSpec()
        .withIngressClassName(ingressClassName)
        .endSpec()
        .build();
  }
}
