package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.stackpilot.render.ServiceRenderer;
import java.util.List;

/** Ingresses as Stackpilot renders them, so that forward auth is tested on the real thing. */
final class Ingresses {

  private Ingresses() {}

  /** The Ingress of sonarr (port http 8989) on sonarr.home.example for {@code ingressClassName}. */
  static Ingress sonarr(String ingressClassName) {
    var sonarr =
        Services.media(
            "sonarr",
            spec -> {
              spec.setPorts(List.of(Services.port("http", 8989)));
              spec.setExpose(Services.expose("sonarr.home.example", ingressClassName));
            });
    return ServiceRenderer.render(Services.effective(sonarr), Services.owner("sonarr"))
        .ingress()
        .orElseThrow();
  }
}
