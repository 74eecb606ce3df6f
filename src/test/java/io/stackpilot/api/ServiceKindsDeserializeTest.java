package io.stackpilot.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client must read every kind back into its class, as informers and reconcilers do. */
class ServiceKindsDeserializeTest {

  @ParameterizedTest
  @ValueSource(
      classes = {
        MediaService.class,
        SecurityService.class,
        MonitoringService.class,
        ServiceStack.class
      })
  void eachKindReadsBackAsItsOwnClass(Class<? extends CustomResource<?, ?>> kind) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(kind);
    String yaml =
        """
        apiVersion: stackpilot.io/v1alpha1
        kind: %s
        metadata: {name: sonarr}
        spec: {}
        status: {}
        """
            .formatted(kind.getSimpleName());

    CustomResource<?, ?> read = serialization.unmarshal(yaml, kind);

    assertThat(read).isInstanceOf(kind);
    assertThat(read.getSpec()).isNotNull();
    assertThat(read.getStatus()).isNotNull();
  }
}
