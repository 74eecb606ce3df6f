package io.stackpilot.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * How the operator's Kubernetes client is built, wherever the operator runs (the run command, the
 * demo, the tests): it names itself {@code stackpilot/<version>} in every request's User-Agent, so
 * the API server's audit log and request metrics tell its requests apart from kubectl's, Helm's or
 * other fabric8 clients'; it gives up on an unanswered request within a second (see {@link
 * #REQUEST_RETRIES}); and it reads every resource the API server accepted, even one holding a value
 * its Java type cannot parse (see {@link LenientQuantities}).
 */
public final class OperatorClients {

  public static final String PRODUCT = "stackpilot";

  /** Retries of one request that got no answer, 100 ms and then 200 ms apart. */
  static final int REQUEST_RETRIES = 2;

  private OperatorClients() {}

  /**
   * A client builder for the operator; callers may add to it (an interceptor, say) before building.
   */
  public static KubernetesClientBuilder builder(Config config) {
    config.setUserAgent(userAgent());
    // The client's own retries of a request the API server did not answer add up to some 20 s by
    // default, during which a reconcile hangs unseen. A couple of quick retries ride out a blip; a
    // longer outage fails the reconcile, which is then reported in status and retried with
    // back-off.
    config.setRequestRetryBackoffLimit(REQUEST_RETRIES);
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withKubernetesSerialization(
            new KubernetesSerialization(LenientQuantities.configure(new ObjectMapper()), true));
  }

  /**
   * {@code stackpilot/<version>} from the jar's manifest, {@code stackpilot/development} when run
   * from classes.
   */
  public static String userAgent() {
    String version = OperatorClients.class.getPackage().getImplementationVersion();
    return PRODUCT + "/" + (version == null ? "development" : version);
  }
}
