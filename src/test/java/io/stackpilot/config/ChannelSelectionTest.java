package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.BETA_IMAGE;
import static io.stackpilot.config.Fixtures.channel;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** spec.channel, else the stack's spec.channel, else stable; and which layer that was. */
class ChannelSelectionTest {

  private static final ServiceStack BETA_STACK = stack(s -> s.setChannel(Channel.BETA));
  private static final ServiceStack STABLE_STACK = stack(s -> s.setChannel(Channel.STABLE));

  @Test
  void theServicesChannelWinsOverTheStacks() {
    MediaService service = mediaService(spec -> spec.setChannel(Channel.STABLE));

    assertThat(Layering.selectedChannel(service.getSpec(), Optional.of(BETA_STACK)))
        .isEqualTo(Channel.STABLE);
  }

  @Test
  void aServiceWithoutAChannelFollowsItsStack() {
    MediaService service = mediaService(spec -> {});

    assertThat(Layering.selectedChannel(service.getSpec(), Optional.of(BETA_STACK)))
        .isEqualTo(Channel.BETA);
  }

  @Test
  void withoutAChoiceAnywhereTheChannelIsStable() {
    MediaService service = mediaService(spec -> {});

    assertThat(Layering.selectedChannel(service.getSpec(), Optional.empty()))
        .isEqualTo(Channel.STABLE);
    assertThat(Layering.selectedChannel(service.getSpec(), Optional.of(stack(s -> {}))))
        .isEqualTo(Channel.STABLE);
  }

  @Test
  void aStackWithoutSpecLeavesTheChannelStable() {
    ServiceStack bare = stack(s -> {});
    bare.setSpec(null);

    assertThat(Layering.selectedChannel(mediaService(spec -> {}).getSpec(), Optional.of(bare)))
        .isEqualTo(Channel.STABLE);
  }

  @Test
  void provenanceNamesTheServiceWhenItChoseTheChannel() {
    MediaService service = betaCapable(Channel.BETA);

    assertThat(channelSetBy(service, Optional.of(STABLE_STACK), Channel.BETA))
        .isEqualTo(Layer.SERVICE);
  }

  @Test
  void provenanceNamesTheStackWhenItChoseTheChannel() {
    MediaService service = betaCapable(null);

    assertThat(channelSetBy(service, Optional.of(BETA_STACK), Channel.BETA))
        .isEqualTo(Layer.STACK_BASE);
  }

  @Test
  void provenanceIsBuiltInWhenNobodyChose() {
    assertThat(channelSetBy(betaCapable(null), Optional.empty(), Channel.STABLE))
        .isEqualTo(Layer.BUILT_IN);
  }

  @Test
  void theStableSideOfABetaCanaryIsThereByTheBuiltInRule() {
    assertThat(channelSetBy(betaCapable(Channel.BETA), Optional.of(BETA_STACK), Channel.STABLE))
        .isEqualTo(Layer.BUILT_IN);
  }

  private static MediaService betaCapable(Channel chosen) {
    return mediaService(
        spec -> {
          spec.setChannel(chosen);
          spec.getChannels().setBeta(channel(BETA_IMAGE, beta -> {}));
        });
  }

  private static Layer channelSetBy(
      MediaService service, Optional<ServiceStack> stack, Channel channel) {
    return Layering.layer(service, stack, channel, Overlays.none())
        .provenance()
        .of("channel")
        .orElseThrow();
  }
}
