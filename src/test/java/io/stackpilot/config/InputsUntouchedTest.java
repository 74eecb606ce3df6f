package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.serviceThatSetsEverything;
import static io.stackpilot.config.Fixtures.stackThatSetsEverything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The inputs are the user's resources, which the operator never writes; layering must not either.
 */
class InputsUntouchedTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final Overlays BOTH_OVERLAYS = new Overlays(Optional.of("authelia"), true);

  private final MediaService service = serviceThatSetsEverything();
  private final ServiceStack stack = stackThatSetsEverything();

  @Test
  void layeringLeavesTheServiceAndTheStackAsTheyWere() {
    String serviceBefore = JSON.asJson(service);
    String stackBefore = JSON.asJson(stack);

    Layering.layer(service, Optional.of(stack), Channel.BETA, BOTH_OVERLAYS);
    Layering.layer(service, Optional.of(stack), Channel.STABLE, BOTH_OVERLAYS);

    assertThat(JSON.asJson(service)).isEqualTo(serviceBefore);
    assertThat(JSON.asJson(stack)).isEqualTo(stackBefore);
  }

  @Test
  void aStorageClassFilledInFromTheStackDoesNotLeakIntoTheService() {
    EffectiveService effective = layer();

    assertThat(effective.storage().get(0).getStorageClassName()).isEqualTo("nfs");
    assertThat(service.getSpec().getStorage().get(0).getStorageClassName()).isNull();
  }

  @Test
  void changingTheResultChangesNeitherTheInputsNorTheNextResult() {
    String serviceBefore = JSON.asJson(service);
    String stackBefore = JSON.asJson(stack);
    EffectiveService first = layer();
    EffectiveService untouched = layer();

    first.env().get(0).setValue("changed");
    first.ports().get(0).setPort(1);
    first.storage().get(0).setSize("100Ti");
    first.configFiles().get(0).setContent("changed");
    first.tolerations().get(0).setValue("changed");
    first.imagePullSecrets().get(0).setName("changed");
    first.resources().getRequests().put("memory", new Quantity("1Ti"));
    first.resources().getLimits().get("memory").setAmount("9");
    first.expose().orElseThrow().setHost("changed.example");
    first.media().orElseThrow().getTranscode().setScratchSize("1Ti");
    first.dependsOn().get(0).setName("changed");

    assertThat(JSON.asJson(service)).isEqualTo(serviceBefore);
    assertThat(JSON.asJson(stack)).isEqualTo(stackBefore);
    assertThat(layer()).isEqualTo(untouched);
  }

  @Test
  void theResultsListsAndMapsCannotBeChanged() {
    EffectiveService effective = layer();

    assertThatThrownBy(() -> effective.env().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> effective.ports().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> effective.storage().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> effective.config().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> effective.podLabels().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> effective.betaStages().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> effective.provenance().layers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  private EffectiveService layer() {
    return Layering.layer(service, Optional.of(stack), Channel.BETA, BOTH_OVERLAYS);
  }
}
