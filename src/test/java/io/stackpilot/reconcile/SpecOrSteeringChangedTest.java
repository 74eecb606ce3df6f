package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecOrSteeringChangedTest {

  private final SpecOrSteeringChanged filter = new SpecOrSteeringChanged();

  @Test
  void aStatusWriteWakesNothing() {
    MediaService after = sonarr(3, Map.of(), Map.of());
    after.setStatus(new ServiceStatus());

    assertThat(filter.accept(sonarr(3, Map.of(), Map.of()), after)).isFalse();
  }

  @Test
  void aSpecChangeAnAnnotationOrALabelWakesTheService() {
    assertThat(filter.accept(sonarr(3, Map.of(), Map.of()), sonarr(4, Map.of(), Map.of())))
        .isTrue();
    assertThat(
            filter.accept(
                sonarr(3, Map.of(), Map.of()),
                sonarr(3, Map.of("stackpilot.io/retry", "abc"), Map.of())))
        .isTrue();
    assertThat(
            filter.accept(
                sonarr(3, Map.of(), Map.of()), sonarr(3, Map.of(), Map.of("tier", "media"))))
        .isTrue();
  }

  private static MediaService sonarr(
      long generation, Map<String, String> annotations, Map<String, String> labels) {
    MediaService service = new MediaService();
    service.setMetadata(
        new ObjectMetaBuilder()
            .withName("sonarr")
            .withGeneration(generation)
            .withAnnotations(annotations)
            .withLabels(labels)
            .build());
    return service;
  }
}
