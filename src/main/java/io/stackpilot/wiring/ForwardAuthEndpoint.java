package io.stackpilot.wiring;

import io.stackpilot.api.ForwardAuthSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecuritySpec;
import java.util.List;
import java.util.Optional;

/**
 * Where a protector verifies requests, and which of its response headers tell the app who the user
 * is: what every kind of forward auth (nginx annotations, a Traefik Middleware) is made of.
 *
 * @param address {@code http://<protector>.<namespace>.svc.cluster.local:<port><path>}, from the
 *     protector's spec.security.forwardAuth, its port name resolved through its spec.ports
 */
public record ForwardAuthEndpoint(String address, List<String> responseHeaders) {

  /**
   * @throws IllegalArgumentException when the protector has no forwardAuth, or its port is not one
   *     of the protector's ports (validation reports that first); an app is never left unguarded
   *     silently
   */
  public static ForwardAuthEndpoint of(SecurityService protector, String namespace) {
    SecuritySpec security = protector.getSpec().getSecurity();
    String name = protector.getMetadata().getName();
    ForwardAuthSpec forwardAuth =
        Optional.ofNullable(security.getForwardAuth())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "SecurityService "
                            + name
                            + " has no spec.security.forwardAuth, so it cannot guard an app"));
    PortSpec port =
        NamedPorts.find(protector.getSpec().getPorts(), forwardAuth.getPort())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "SecurityService "
                            + name
                            + " has no port named "
                            + forwardAuth.getPort()
                            + " for spec.security.forwardAuth.port"));
    return new ForwardAuthEndpoint(
        "http://" + ClusterDns.hostAndPort(name, namespace, port.getPort()) + forwardAuth.getPath(),
        ForwardAuthConventions.responseHeaders(security.getProvider()));
  }
}
