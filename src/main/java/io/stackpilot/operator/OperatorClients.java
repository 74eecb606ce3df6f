package io.stackpilot.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * How the operator's Kubernetes client is built, wherever the operator runs (the run command, the
 * demo, the tests): it names itself {@code stackpilot/<version>} in every request's User-Agent, so the
 * API server's audit log and request metrics tell its requests apart from kubectl's, Helm's or other
 * fabric8 clients'; and it reads every resource the API server accepted, even one holding a value its
 * Java type cannot parse (see {@link LenientQuantities}).
 */
public final class OperatorClients {

  public static final String PRODUCT = "stackpilot";

  private OperatorClients() {}

  /** A client builder for the operator; callers may add to it (an interceptor, say) before building. */
  public static KubernetesClientBuilder builder(Config config) {
    config.setUserAgent(userAgent());
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(new KubernetesSerialization(LenientQuantities.configure(new ObjectMapper()), true));
  }

  /** {@code stackpilot/<version>} from the jar's manifest, {@code stackpilot/development} when run from classes. */
  public static String userAgent() {
    String version = OperatorClients.class.getPackage().getImplementationVersion();
    return PRODUCT + "/" + (version == null ? "development" : version);
  }
}
