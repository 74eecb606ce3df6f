package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.resources;
import static io.stackpilot.config.Fixtures.serviceThatSetsEverything;
import static io.stackpilot.config.Fixtures.stack;
import static io.stackpilot.config.Fixtures.stackThatSetsEverything;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.Channel;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Same input, equal output: the revision hash and "no write when nothing changed" depend on it. */
class DeterminismTest {

  private static final Overlays BOTH_OVERLAYS = new Overlays(Optional.of("authelia"), true);

  @Test
  void layeringTheSameInputTwiceGivesEqualResults() {
    EffectiveService first =
        layerEverything(serviceThatSetsEverything(), stackThatSetsEverything());
    EffectiveService second =
        layerEverything(serviceThatSetsEverything(), stackThatSetsEverything());

    assertThat(second).isEqualTo(first);
    assertThat(second.hashCode()).isEqualTo(first.hashCode());
  }

  @Test
  void layeringTheSameObjectsTwiceGivesEqualResults() {
    MediaService service = serviceThatSetsEverything();
    ServiceStack stack = stackThatSetsEverything();

    assertThat(layerEverything(service, stack)).isEqualTo(layerEverything(service, stack));
  }

  @Test
  void aDifferentInputGivesADifferentResult() {
    MediaService changed = serviceThatSetsEverything();
    changed.getSpec().getStorage().get(0).setSize("2Gi");

    assertThat(layerEverything(changed, stackThatSetsEverything()))
        .isNotEqualTo(layerEverything(serviceThatSetsEverything(), stackThatSetsEverything()));
  }

  @Test
  void theOrderOfEntriesInInputMapsDoesNotMatter() {
    List<String> keys = List.of("ZULU", "alpha", "Mike", "bravo", "ECHO");
    EffectiveService forwards = layerWithMaps(inOrder(keys));
    EffectiveService backwards = layerWithMaps(inOrder(reversed(keys)));

    assertThat(backwards).isEqualTo(forwards);
    assertThat(List.copyOf(backwards.config().keySet()))
        .containsExactlyElementsOf(List.copyOf(forwards.config().keySet()))
        .isSorted();
    assertThat(List.copyOf(backwards.nodeSelector().keySet()))
        .containsExactlyElementsOf(List.copyOf(forwards.nodeSelector().keySet()));
    assertThat(List.copyOf(backwards.podAnnotations().keySet()))
        .containsExactlyElementsOf(List.copyOf(forwards.podAnnotations().keySet()));
    assertThat(List.copyOf(backwards.podLabels().keySet()))
        .containsExactlyElementsOf(List.copyOf(forwards.podLabels().keySet()));
    assertThat(List.copyOf(backwards.resources().getRequests().keySet()))
        .containsExactlyElementsOf(List.copyOf(forwards.resources().getRequests().keySet()));
    assertThat(List.copyOf(backwards.provenance().layers().keySet()))
        .containsExactlyElementsOf(List.copyOf(forwards.provenance().layers().keySet()));
  }

  private static EffectiveService layerEverything(MediaService service, ServiceStack stack) {
    return Layering.layer(service, Optional.of(stack), Channel.BETA, BOTH_OVERLAYS);
  }

  /** Puts the same entries, in the given order, into every map that layering merges. */
  private static EffectiveService layerWithMaps(Map<String, String> entries) {
    Map<String, String> quantities = new LinkedHashMap<>();
    entries.keySet().forEach(key -> quantities.put(key.toLowerCase(), "1"));
    ServiceStack stack =
        stack(
            s ->
                s.setBase(
                    defaults(
                        d -> {
                          d.setConfig(entries);
                          d.setPodLabels(entries);
                          d.setResources(resources(quantities, quantities));
                        })));
    MediaService service =
        mediaService(
            spec -> {
              spec.setNodeSelector(entries);
              spec.setPodAnnotations(entries);
            });
    return Layering.layer(service, Optional.of(stack), Channel.STABLE, Overlays.none());
  }

  private static Map<String, String> inOrder(List<String> keys) {
    Map<String, String> entries = new LinkedHashMap<>();
    keys.forEach(key -> entries.put(key, "value-of-" + key));
    return entries;
  }

  private static List<String> reversed(List<String> keys) {
    List<String> reversed = new ArrayList<>(keys);
    Collections.reverse(reversed);
    return reversed;
  }
}
