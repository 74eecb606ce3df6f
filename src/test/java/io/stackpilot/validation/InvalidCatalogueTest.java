package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue that InvalidCatalogueIT applies must itself be sound, so that a case fails only for
 * the rule it is about: one parseable object each, named, with expectations that name a field.
 */
class InvalidCatalogueTest {

  private static final Set<String> KINDS =
      Set.of("MediaService", "SecurityService", "MonitoringService", "ServiceStack");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void holdsAtLeastThirtyCasesOfEveryKind() {
    List<Path> cases = InvalidCatalogue.invalidObjects();

    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    assertThat(cases.stream().map(InvalidCatalogueTest::object).map(o -> o.path("kind").asText()))
        .containsAll(KINDS);
  }

  @Test
  void everyCaseIsOneStackpilotObjectForTheTestNamespace() {
    assertThat(InvalidCatalogue.invalidObjects())
        .allSatisfy(
            file -> {
              JsonNode object = object(file);
              assertThat(object.path("apiVersion").asText())
                  .as(file.toString())
                  .isEqualTo("stackpilot.io/v1alpha1");
              assertThat(KINDS).as(file.toString()).contains(object.path("kind").asText());
              assertThat(object.path("metadata").path("name").asText())
                  .as(file.toString())
                  .isNotBlank();
              assertThat(object.path("metadata").has("namespace"))
                  .as(file + " must not pin a namespace")
                  .isFalse();
            });
  }

  @Test
  void everyCaseStartsWithExpectationsThatNameAField() {
    assertThat(InvalidCatalogue.invalidObjects())
        .allSatisfy(
            file -> {
              assertThat(InvalidCatalogue.read(file))
                  .as(file.toString())
                  .startsWith(InvalidCatalogue.EXPECT);
              List<String> expectations = InvalidCatalogue.expectations(file);
              assertThat(expectations).as(file.toString()).isNotEmpty().doesNotContain("");
              assertThat(expectations)
                  .as(file + " names no field")
                  .anySatisfy(
                      expectation ->
                          assertThat(expectation)
                              .matches("(unknown field \")?(spec|metadata)\\.\\S+.*"));
            });
  }

  @Test
  void casesHaveDistinctNamesSoThatOneWronglyAcceptedCannotTurnAnotherIntoAnUpdate() {
    List<String> names =
        InvalidCatalogue.invalidObjects().stream()
            .map(
                file ->
                    object(file).path("kind").asText()
                        + "/"
                        + object(file).path("metadata").path("name").asText())
            .toList();

    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void thereIsOneBaselineOfEachKindWithoutExpectations() {
    List<Path> baselines = InvalidCatalogue.baselines();

    assertThat(
            baselines.stream().map(InvalidCatalogueTest::object).map(o -> o.path("kind").asText()))
        .containsExactlyInAnyOrderElementsOf(KINDS);
    assertThat(baselines)
        .allSatisfy(file -> assertThat(InvalidCatalogue.expectations(file)).isEmpty());
  }

  @Test
  void theBaselinesAlsoPassTheOperatorsOwnChecks() {
    assertThat(InvalidCatalogue.baselines())
        .allSatisfy(
            file -> {
              ValidationReport report = validateOffline(object(file));
              assertThat(report.errors()).as(file.toString()).isEmpty();
              assertThat(report.warnings()).as(file.toString()).isEmpty();
            });
  }

  private static ValidationReport validateOffline(JsonNode object) {
    ClusterFacts offline = ClusterFacts.offline();
    return switch (object.path("kind").asText()) {
      case "MediaService" ->
          SpecValidator.validateService(
              typed(new MediaService(), object, MediaServiceSpec.class), offline);
      case "SecurityService" ->
          SpecValidator.validateService(
              typed(new SecurityService(), object, SecurityServiceSpec.class), offline);
      case "MonitoringService" ->
          SpecValidator.validateService(
              typed(new MonitoringService(), object, MonitoringServiceSpec.class), offline);
      default ->
          SpecValidator.validateStack(
              typed(new ServiceStack(), object, ServiceStackSpec.class), offline);
    };
  }

  private static <S, R extends CustomResource<S, ?>> R typed(
      R resource, JsonNode object, Class<S> specType) {
    resource.setMetadata(SERIALIZATION.convertValue(object.path("metadata"), ObjectMeta.class));
    resource.setSpec(SERIALIZATION.convertValue(object.path("spec"), specType));
    return resource;
  }

  /** The one object in the file; a second document would be applied too and blur the case. */
  private static JsonNode object(Path file) {
    try {
      List<JsonNode> documents =
          YAML.readerFor(JsonNode.class)
              .<JsonNode>readValues(InvalidCatalogue.read(file))
              .readAll();
      assertThat(documents).as(file + " holds one YAML document").hasSize(1);
      return documents.get(0);
    } catch (IOException e) {
      throw new AssertionError(file + " is not YAML", e);
    }
  }
}
