package io.stackpilot.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * How the operator's Kubernetes client is built, wherever the operator runs (the run command, the
 * demo, the tests): it names itself {@code stackpilot/<version>} in every request's User-Agent, so the
 * API server's audit log and request metrics tell its requests apart from kubectl's, Helm's or other
 * fabric8 clients'.
 */
public final class OperatorClients {

  public static final String PRODUCT = "stackpilot";

  private OperatorClients() {}

  /** A client builder for the operator; callers may add to it (an interceptor, say) before building. */
  public static KubernetesClientBuilder builder(Config config) {
    config.setUserAgent(userAgent());
    return new KubernetesClientBuilder().withConfig(config);
  }

  /** {@code stackpilot/<version>} from the jar's manifest, {@code stackpilot/development} when run from classes. */
  public static String userAgent() {
    String version = OperatorClients.class.getPackage().getImplementationVersion();
    return PRODUCT + "/" + (version == null ? "development" : version);
  }
}
