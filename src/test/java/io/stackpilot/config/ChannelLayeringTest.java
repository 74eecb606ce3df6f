package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.BETA_IMAGE;
import static io.stackpilot.config.Fixtures.STABLE_IMAGE;
import static io.stackpilot.config.Fixtures.channel;
import static io.stackpilot.config.Fixtures.env;
import static io.stackpilot.config.Fixtures.mediaService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The channel being layered brings its image and overrides the service's env and config. */
class ChannelLayeringTest {

  /** A service with overrides on both channels, so each test can tell them apart. */
  private static MediaService serviceWithBothChannels() {
    return mediaService(
        spec -> {
          spec.setEnv(List.of(env("LOG", "info"), env("TZ", "UTC")));
          spec.setConfig(Map.of("FEATURE", "off", "THEME", "dark"));
          spec.getChannels().getStable().setEnv(List.of(env("TZ", "Europe/Berlin")));
          spec.getChannels()
              .setBeta(
                  channel(
                      BETA_IMAGE,
                      beta -> {
                        beta.setEnv(List.of(env("LOG", "debug"), env("BETA", "1")));
                        beta.setConfig(Map.of("FEATURE", "on"));
                      }));
        });
  }

  private static EffectiveService layerOn(Channel channel, MediaService service) {
    return Layering.layer(service, Optional.empty(), channel, Overlays.none());
  }

  @Test
  void theStableChannelRunsTheStableImageWithItsOverrides() {
    EffectiveService stable = layerOn(Channel.STABLE, serviceWithBothChannels());

    assertThat(stable.channel()).isEqualTo(Channel.STABLE);
    assertThat(stable.image()).isEqualTo(STABLE_IMAGE);
    assertThat(stable.env())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(tuple("LOG", "info"), tuple("TZ", "Europe/Berlin"));
    assertThat(stable.config()).containsExactly(entry("FEATURE", "off"), entry("THEME", "dark"));
    assertThat(stable.provenance().layers())
        .contains(
            entry("image", Layer.CHANNEL),
            entry("env.TZ", Layer.CHANNEL),
            entry("env.LOG", Layer.SERVICE));
  }

  @Test
  void theBetaChannelRunsTheBetaImageWithItsOverridesAndNotThoseOfStable() {
    EffectiveService beta = layerOn(Channel.BETA, serviceWithBothChannels());

    assertThat(beta.channel()).isEqualTo(Channel.BETA);
    assertThat(beta.image()).isEqualTo(BETA_IMAGE);
    assertThat(beta.env())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(tuple("LOG", "debug"), tuple("TZ", "UTC"), tuple("BETA", "1"));
    assertThat(beta.config()).containsExactly(entry("FEATURE", "on"), entry("THEME", "dark"));
    assertThat(beta.provenance().layers())
        .contains(
            entry("image", Layer.CHANNEL),
            entry("env.LOG", Layer.CHANNEL),
            entry("env.TZ", Layer.SERVICE),
            entry("env.BETA", Layer.CHANNEL),
            entry("config.FEATURE", Layer.CHANNEL),
            entry("config.THEME", Layer.SERVICE));
  }

  @Test
  void aBetaServiceCanBeLayeredOnStableForTheStableSideOfACanary() {
    MediaService service = serviceWithBothChannels();
    service.getSpec().setChannel(Channel.BETA);

    EffectiveService stableSide = layerOn(Channel.STABLE, service);

    assertThat(stableSide.channel()).isEqualTo(Channel.STABLE);
    assertThat(stableSide.image()).isEqualTo(STABLE_IMAGE);
  }

  @Test
  void layeringBetaWithoutABetaChannelNamesTheFieldAndTheFix() {
    MediaService service = mediaService(spec -> spec.setChannel(Channel.BETA));

    assertThatThrownBy(() -> layerOn(Channel.BETA, service))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MediaService sonarr")
        .hasMessageContaining("spec.channels.beta.image")
        .hasMessageContaining("add channels.beta with an image, or set channel: stable");
  }

  @Test
  void aBetaChannelWithoutAnImageIsAsGoodAsNone() {
    MediaService service =
        mediaService(spec -> spec.getChannels().setBeta(channel(" ", beta -> {})));

    assertThatThrownBy(() -> layerOn(Channel.BETA, service))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.channels.beta.image");
  }

  @Test
  void layeringStableWithoutAStableImageNamesTheFieldAndTheFix() {
    MediaService service = mediaService(spec -> spec.getChannels().getStable().setImage(null));

    assertThatThrownBy(() -> layerOn(Channel.STABLE, service))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.channels.stable.image")
        .hasMessageContaining("set channels.stable.image");
  }

  @Test
  void aServiceWithoutChannelsCannotBeLayered() {
    MediaService service = mediaService(spec -> spec.setChannels(null));

    assertThatThrownBy(() -> layerOn(Channel.STABLE, service))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.channels.stable.image");
  }
}
