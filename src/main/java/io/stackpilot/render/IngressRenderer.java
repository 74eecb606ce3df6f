package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.config.EffectiveService;
import java.util.Optional;
import java.util.TreeMap;

/** The Ingress of an exposed service. */
final class IngressRenderer {

  private IngressRenderer() {}

  static Optional<Ingress> render(EffectiveService service, OwnerReference owner) {
    Optional<PortSpec> exposedPort = ExposedPort.of(service);
    if (exposedPort.isEmpty() || service.expose().get().getGateway() != null) {
      return Optional.empty();
    }
    ExposeSpec expose = service.expose().get();
    String port = exposedPort.get().getName();
    IngressBuilder ingress =
        new IngressBuilder()
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
            .withNewSpec()
            .withIngressClassName(expose.getIngressClassName())
            .addNewRule()
            .withHost(expose.getHost())
            .withNewHttp()
            .addNewPath()
            .withPath(expose.getPath() == null ? "/" : expose.getPath())
            .withPathType("Prefix")
            .withNewBackend()
            .withNewService()
            .withName(service.name())
            .withNewPort()
            .withName(port)
            .endPort()
            .endService()
            .endBackend()
            .endPath()
            .endHttp()
            .endRule()
            .endSpec();
    if (expose.getTls() != null) {
      ingress
          .editSpec()
          .withTls(
              new IngressTLSBuilder()
                  .addToHosts(expose.getHost())
                  .withSecretName(expose.getTls().getSecretName())
                  .build())
          .endSpec();
    }
    return Optional.of(ingress.build());
  }
}
