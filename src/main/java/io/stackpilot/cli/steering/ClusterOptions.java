package io.stackpilot.cli.steering;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import picocli.CommandLine.Option;

/** The cluster and namespace a command talks to: the kubeconfig's, as kubectl would use them. */
final class ClusterOptions {

  @Option(
      names = {"-n", "--namespace"},
      description = "The service's namespace; default: the kubeconfig context's.")
  String namespace;

  KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
  }

  String namespace(KubernetesClient client) {
    if (namespace != null && !namespace.isBlank()) {
      return namespace;
    }
    String configured = client.getNamespace();
    return configured == null ? "default" : configured;
  }
}
