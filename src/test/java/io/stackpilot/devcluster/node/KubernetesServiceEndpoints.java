package io.stackpilot.devcluster.node;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The endpoints of the {@code kubernetes} Service in {@code default}, which the control plane
 * leaves empty (its API server listens on loopback only). Written by the real node while it runs,
 * so that kube-proxy sends 10.96.0.1:443, where every in-cluster client looks first, to the node's
 * forwarder.
 */
final class KubernetesServiceEndpoints {

  static final String NAME = "kubernetes";
  private static final String MANAGER = "stackpilot-real-node";

  private KubernetesServiceEndpoints() {}

  static void point(KubernetesClient client, String address, int port) {
    EndpointSlice slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace("default")
            .addToLabels("kubernetes.io/service-name", NAME)
            .addToLabels("endpointslice.kubernetes.io/managed-by", MANAGER)
            .endMetadata()
            .withAddressType("IPv4")
            .addNewEndpoint()
            .withAddresses(address)
            .withNewConditions()
            .withReady(true)
            .endConditions()
            .endEndpoint()
            .addNewPort()
            .withName("https")
            .withProtocol("TCP")
            .withPort(port)
            .endPort()
            .build();
    client.discovery().v1().endpointSlices().resource(slice).serverSideApply();
  }

  static void remove(KubernetesClient client) {
    client.discovery().v1().endpointSlices().inNamespace("default").withName(NAME).delete();
  }
}
