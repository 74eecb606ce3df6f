package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.NAMESPACE;
import static io.stackpilot.config.Fixtures.STACK;
import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.env;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.serviceThatSetsEverything;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStack;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who the service is, what only it sets, and which stack it may be layered over. */
class ServiceIdentityTest {

  @Test
  void theResultNamesTheServiceItsKindAndItsStack() {
    EffectiveService effective = layerAlone(mediaService(spec -> {}));

    assertThat(effective.namespace()).isEqualTo(NAMESPACE);
    assertThat(effective.name()).isEqualTo("sonarr");
    assertThat(effective.kind()).isEqualTo(ServiceKind.MEDIA_SERVICE);
    assertThat(effective.stack()).contains(STACK);
  }

  @Test
  void aServiceOutsideAnyStackHasNoStack() {
    EffectiveService effective = layerAlone(mediaService(spec -> spec.setStack(null)));

    assertThat(effective.stack()).isEmpty();
  }

  @Test
  void exposeAndDependenciesAreCarriedOverAsCopies() {
    MediaService service = serviceThatSetsEverything();

    EffectiveService effective = layerAlone(service);

    assertThat(effective.expose()).contains(service.getSpec().getExpose());
    assertThat(effective.expose().orElseThrow()).isNotSameAs(service.getSpec().getExpose());
    assertThat(effective.dependsOn()).containsExactlyElementsOf(service.getSpec().getDependsOn());
    assertThat(effective.dependsOn().get(0)).isNotSameAs(service.getSpec().getDependsOn().get(0));
  }

  @Test
  void aServiceWithoutExposeIsNotExposed() {
    assertThat(layerAlone(mediaService(spec -> {})).expose()).isEmpty();
  }

  @Test
  void aServiceWhoseStackIsMissingGetsNoStackLayers() {
    EffectiveService effective =
        layerAlone(mediaService(spec -> spec.setEnv(List.of(env("TZ", "UTC")))));

    assertThat(effective.stack()).contains(STACK);
    assertThat(effective.provenance().layers().values())
        .doesNotContain(Layer.STACK_BASE, Layer.STACK_CATEGORY);
  }

  @Test
  void aStackWithoutDefaultsAddsNothing() {
    EffectiveService withBareStack = layer(mediaService(spec -> {}), stack(s -> {}));

    assertThat(withBareStack).isEqualTo(layerAlone(mediaService(spec -> {})));
  }

  @Test
  void layeringOverAnotherStackThanTheOneNamedIsRefused() {
    ServiceStack other = stack(s -> s.setBase(defaults(d -> d.setEnv(List.of(env("TZ", "UTC"))))));
    other.getMetadata().setName("office");

    assertThatThrownBy(
            () ->
                Layering.layer(
                    mediaService(spec -> {}), Optional.of(other), Channel.STABLE, Overlays.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.stack home")
        .hasMessageContaining("ServiceStack office");
  }

  @Test
  void layeringAServiceOutsideAnyStackOverAStackIsRefused() {
    MediaService loner = mediaService(spec -> spec.setStack(null));

    assertThatThrownBy(
            () ->
                Layering.layer(loner, Optional.of(stack(s -> {})), Channel.STABLE, Overlays.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ServiceStack home");
  }
}
