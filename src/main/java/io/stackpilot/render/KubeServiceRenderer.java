package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.stackpilot.api.KubeServiceSpec;
import io.stackpilot.api.KubeServiceType;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Overlays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes Service in front of a service's pods, stable and beta alike; none without ports.
 * ClusterIP unless spec.service asks for NodePort or LoadBalancer.
 */
final class KubeServiceRenderer {

  private KubeServiceRenderer() {}

  static Optional<Service> render(EffectiveService service, OwnerReference owner) {
    if (service.ports().isEmpty()) {
      return Optional.empty();
    }
    KubeServiceType type =
        service.kubeService().map(KubeServiceSpec::getType).orElse(KubeServiceType.CLUSTER_IP);
    Map<String, String> annotations =
        service
            .kubeService()
            .map(KubeServiceSpec::getAnnotations)
            .filter(a -> !a.isEmpty())
            .<Map<String, String>>map(TreeMap::new)
            .orElse(null);
    // A node port means something only where the Service is reached on the nodes.
    boolean onNodes = type != KubeServiceType.CLUSTER_IP;
    return Optional.of(
        new ServiceBuilder()
            .withNewMetadata()
            .withName(service.name())
            .withNamespace(service.namespace())
            .withLabels(labels(service))
            .withOwnerReferences(owner)
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withType(type.value())
            .withSelector(Labels.serviceSelector(service))
            .withPorts(
                service.ports().stream()
                    .map(
                        p ->
                            new ServicePortBuilder()
                                .withName(p.getName())
                                .withPort(p.getPort())
                                .withTargetPort(new IntOrString(p.getName()))
                                .withNodePort(onNodes ? p.getNodePort() : null)
                                .withProtocol(
                                    p.getProtocol() == null
                                        ? SchemaDefaults.PROTOCOL
                                        : p.getProtocol().value())
                                .build())
                    .toList())
            .endSpec()
            .build());
  }

  private static Map<String, String> labels(EffectiveService service) {
    Map<String, String> labels = Labels.standard(service);
    if (service.ports().stream().anyMatch(p -> Overlays.METRICS_PORT_NAME.equals(p.getName()))) {
      labels.put(Labels.METRICS, "true");
    }
    return labels;
  }
}
