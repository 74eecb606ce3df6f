package io.stackpilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MalformedQuantity;
import io.stackpilot.api.ServiceStack;
import org.junit.jupiter.api.Test;

/**
 * The operator's client names itself, and reads a resource whatever quantities the API server let
 * in.
 */
class OperatorClientsTest {

  private static final String STACK =
      """
      {"apiVersion": "stackpilot.io/v1alpha1", "kind": "ServiceStack", "metadata": {"name": "home"},
       "spec": {"base": {"resources": {"requests": {"memory": "1 Gi", "cpu": "250m"}, "limits": {"cpu": 2, "memory": "1.5.5Gi"}}}}}
      """;

  @Test
  void aQuantityThatDoesNotParseIsReadAsMalformedInsteadOfFailingTheWholeResource() {
    try (KubernetesClient client =
        OperatorClients.builder(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build()) {
      ServiceStack stack = client.getKubernetesSerialization().unmarshal(STACK, ServiceStack.class);

      var resources = stack.getSpec().getBase().getResources();
      assertThat(resources.getRequests().get("memory"))
          .isInstanceOf(MalformedQuantity.class)
          .hasToString("1 Gi");
      assertThat(resources.getRequests().get("cpu"))
          .isEqualTo(new Quantity("250m"))
          .isNotInstanceOf(MalformedQuantity.class);
      assertThat(resources.getLimits().get("cpu")).isEqualTo(new Quantity("2"));
      // fabric8 parses this one; the API server does not, so neither does the operator.
      assertThat(resources.getLimits().get("memory")).isInstanceOf(MalformedQuantity.class);
      // Compared and hashed by its text, where Quantity itself would throw.
      assertThat(new MalformedQuantity("1 Gi"))
          .isEqualTo(resources.getRequests().get("memory"))
          .hasSameHashCodeAs(resources.getRequests().get("memory"));
      // And written back as it was read, e.g. in the status patch of the resource.
      assertThat(client.getKubernetesSerialization().asJson(stack)).contains("\"memory\":\"1 Gi\"");
    }
  }

  @Test
  void theUserAgentSaysStackpilot() {
    var config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build();
    try (KubernetesClient client = OperatorClients.builder(config).build()) {
      assertThat(client.getConfiguration().getUserAgent())
          .startsWith("stackpilot/")
          .isEqualTo(OperatorClients.userAgent());
    }
  }
}
