package io.stackpilot.wiring;

/**
 * In-cluster address of a service's Kubernetes Service (named like the service). Fully qualified,
 * so that it means the same to every caller, whether an ingress controller in its own namespace or
 * a Prometheus beside the service.
 */
final class ClusterDns {

  private ClusterDns() {}

  static String hostAndPort(String service, String namespace, int port) {
    return service + "." + namespace + ".svc.cluster.local:" + port;
  }
}
