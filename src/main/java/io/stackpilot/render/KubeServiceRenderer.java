package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.config.EffectiveService;
import java.util.Optional;

/**
 * The Kubernetes Service in front of a service's pods, stable and beta alike; none without ports.
 */
final class KubeServiceRenderer {

  private KubeServiceRenderer() {}

  static Optional<Service> render(EffectiveService service, OwnerReference owner) {
    if (service.ports().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ServiceBuilder()
            .withNewMetadata()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(Labels.standard(service))
            .withOwnerReferences(owner)
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(Labels.serviceSelector(service))
            .withPorts(
                service.ports().stream()
                    .map(
                        p ->
                            new ServicePortBuilder()
                                .withName(p.getName())
                                .withPort(p.getPort())
                                .withTargetPort(new IntOrString(p.getName()))
                                .withProtocol(
                                    p.getProtocol() == null
                                        ? SchemaDefaults.PROTOCOL
                                        : p.getProtocol().value())
                                .build())
                    .toList())
            .endSpec()
            .build());
  }
}
