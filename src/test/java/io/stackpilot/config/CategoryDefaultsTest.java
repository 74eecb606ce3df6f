package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.monitoringService;
import static io.stackpilot.config.Fixtures.securityService;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.MediaLibrary;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A stack's media, security and monitoring defaults reach only services of that kind. */
class CategoryDefaultsTest {

  /** Every category sets the same key to its own name, over a base that sets it too. */
  private static final ServiceStack STACK_WITH_EVERY_CATEGORY =
      stack(
          s -> {
            s.setBase(defaults(d -> d.setConfig(Map.of("CATEGORY", "base", "BASE_ONLY", "yes"))));
            s.setMedia(defaults(d -> d.setConfig(Map.of("CATEGORY", "media"))));
            s.setSecurity(defaults(d -> d.setConfig(Map.of("CATEGORY", "security"))));
            s.setMonitoring(defaults(d -> d.setConfig(Map.of("CATEGORY", "monitoring"))));
          });

  static Stream<Arguments> servicesAndTheirCategory() {
    return Stream.of(
        Arguments.of(mediaService(spec -> {}), "media"),
        Arguments.of(securityService(spec -> {}), "security"),
        Arguments.of(monitoringService(spec -> {}), "monitoring"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("servicesAndTheirCategory")
  void aServiceGetsTheDefaultsOfItsOwnCategoryOverTheBase(StackService service, String category) {
    EffectiveService effective = layer(service, STACK_WITH_EVERY_CATEGORY);

    assertThat(effective.config())
        .containsExactly(entry("BASE_ONLY", "yes"), entry("CATEGORY", category));
    assertThat(effective.provenance().layers())
        .contains(
            entry("config.CATEGORY", Layer.STACK_CATEGORY),
            entry("config.BASE_ONLY", Layer.STACK_BASE));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("servicesAndTheirCategory")
  void withoutDefaultsForItsCategoryAServiceGetsOnlyTheBase(StackService service, String category) {
    ServiceStack otherCategoriesOnly =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setConfig(Map.of("CATEGORY", "base"))));
              ServiceDefaults elsewhere =
                  defaults(d -> d.setConfig(Map.of("CATEGORY", "another category")));
              if (!category.equals("media")) {
                s.setMedia(elsewhere);
              }
              if (!category.equals("security")) {
                s.setSecurity(elsewhere);
              }
              if (!category.equals("monitoring")) {
                s.setMonitoring(elsewhere);
              }
            });

    EffectiveService effective = layer(service, otherCategoriesOnly);

    assertThat(effective.config()).containsExactly(entry("CATEGORY", "base"));
    assertThat(effective.provenance().layers()).doesNotContainValue(Layer.STACK_CATEGORY);
  }

  @Test
  void onlyAMediaServiceCarriesAMediaBlock() {
    MediaLibrary library = new MediaLibrary();
    library.setName("tv");
    library.setClaimName("tv-library");
    library.setMountPath("/data/tv");
    MediaSpec media = new MediaSpec();
    media.setLibraries(List.of(library));

    EffectiveService effective =
        layer(mediaService(spec -> spec.setMedia(media)), STACK_WITH_EVERY_CATEGORY);

    assertThat(effective.kind()).isEqualTo(ServiceKind.MEDIA_SERVICE);
    assertThat(effective.media()).contains(media);
    assertThat(effective.media().orElseThrow()).isNotSameAs(media);
    assertThat(effective.security()).isEmpty();
    assertThat(effective.monitoring()).isEmpty();
  }

  @Test
  void aSecurityServiceCarriesItsSecurityBlockOnly() {
    var service = securityService(spec -> {});

    EffectiveService effective = layer(service, STACK_WITH_EVERY_CATEGORY);

    assertThat(effective.kind()).isEqualTo(ServiceKind.SECURITY_SERVICE);
    assertThat(effective.security()).contains(service.getSpec().getSecurity());
    assertThat(effective.media()).isEmpty();
    assertThat(effective.monitoring()).isEmpty();
  }

  @Test
  void aMonitoringServiceCarriesItsMonitoringBlockOnly() {
    var service = monitoringService(spec -> {});

    EffectiveService effective = layer(service, STACK_WITH_EVERY_CATEGORY);

    assertThat(effective.kind()).isEqualTo(ServiceKind.MONITORING_SERVICE);
    assertThat(effective.monitoring()).contains(service.getSpec().getMonitoring());
    assertThat(effective.media()).isEmpty();
    assertThat(effective.security()).isEmpty();
  }
}
