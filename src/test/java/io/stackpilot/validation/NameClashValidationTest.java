package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.ServiceKind;
import org.junit.jupiter.api.Test;

/**
 * Two kinds of service with one name would render objects of the same names; the later one waits.
 */
class NameClashValidationTest {

  private static final MonitoringService GRAFANA =
      Specs.monitoring(
          "grafana",
          """
      channels:
        stable: {image: grafana/grafana:12.1.0}
      monitoring: {role: Dashboards}
      """);

  @Test
  void aServiceOfAnotherKindWithTheSameNameThatCameFirstIsAnErrorOnTheName() {
    ClusterFacts facts =
        ClusterFacts.emptyCluster()
            .withNamesake(new ServiceRef(ServiceKind.MEDIA_SERVICE, "grafana"));

    assertThat(validateService(GRAFANA, facts).errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("metadata.name");
              assertThat(error.message())
                  .contains("MediaService/grafana", "came first", "rename one of them");
            });
  }

  @Test
  void withoutANamesakeTheNameIsFine() {
    assertThat(validateService(GRAFANA, ClusterFacts.emptyCluster()).errors()).isEmpty();
  }
}
