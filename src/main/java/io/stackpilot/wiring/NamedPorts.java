package io.stackpilot.wiring;

import io.stackpilot.api.PortSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Resolves a port name (forwardAuth.port, the metrics port) to the port in a service's ports. */
final class NamedPorts {

  private NamedPorts() {}

  static Optional<PortSpec> find(List<PortSpec> ports, String name) {
    return Optional.ofNullable(ports).orElse(List.of()).stream()
        .filter(port -> Objects.equals(port.getName(), name))
        .findFirst();
  }
}
