package io.stackpilot.render;

import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.config.EffectiveService;
import java.util.Objects;
import java.util.Optional;

/**
 * The port an exposed service's Ingress routes to: the one expose.port names, else the first port.
 * Shared by the Ingress and by whatever must admit the ingress controller to that same port.
 */
public final class ExposedPort {

  private ExposedPort() {}

  /** Empty when the service is not exposed or has no ports, so it has no Ingress. */
  public static Optional<PortSpec> of(EffectiveService service) {
    if (service.expose().isEmpty() || service.ports().isEmpty()) {
      return Optional.empty();
    }
    ExposeSpec expose = service.expose().get();
    if (expose.getPort() == null) {
      return Optional.of(service.ports().get(0));
    }
    return service.ports().stream()
        .filter(port -> Objects.equals(port.getName(), expose.getPort()))
        .findFirst();
  }
}
