package io.stackpilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The operator's client names itself. */
class OperatorClientsTest {

  @Test
  void theUserAgentSaysStackpilot() {
    var config = new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build();
    try (KubernetesClient client = OperatorClients.builder(config).build()) {
      assertThat(client.getConfiguration().getUserAgent()).startsWith("stackpilot/")
          .isEqualTo(OperatorClients.userAgent());
    }
  }
}
