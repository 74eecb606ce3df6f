package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One version across what a release ships: the Maven project, the chart, the image the chart and
 * the kustomize base deploy, and the newest CHANGELOG entry. A release bumps them together or this
 * fails.
 */
class ReleaseVersionsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void thePomTheChartTheImagesAndTheChangelogNameOneVersion() throws IOException {
    String version = pomVersion();
    assertThat(version).as("a release version, not a snapshot").matches("\\d+\\.\\d+\\.\\d+");

    JsonNode chart = YAML.readTree(Path.of("helm/stackpilot/Chart.yaml").toFile());
    assertThat(chart.path("version").asText()).isEqualTo(version);
    assertThat(chart.path("appVersion").asText()).isEqualTo(version);
    assertThat(chart.path("annotations").path("artifacthub.io/images").asText())
        .contains("ghcr.io/stackpilot/stackpilot:" + version);

    JsonNode kustomization = YAML.readTree(Path.of("deploy/kustomization.yaml").toFile());
    assertThat(kustomization.path("images").get(0).path("newTag").asText()).isEqualTo(version);
    assertThat(Files.readString(Path.of("deploy/deployment.yaml")))
        .contains("image: ghcr.io/stackpilot/stackpilot:" + version)
        .contains("app.kubernetes.io/version: \"" + version + "\"");

    Matcher newest =
        Pattern.compile("^## (\\S+)", Pattern.MULTILINE)
            .matcher(Files.readString(Path.of("CHANGELOG.md")));
    assertThat(newest.find()).as("CHANGELOG.md has an entry").isTrue();
    assertThat(newest.group(1)).isEqualTo(version);
  }

  @Test
  void theChartsMetadataTellsUsersWhereToLook() throws IOException {
    JsonNode chart = YAML.readTree(Path.of("helm/stackpilot/Chart.yaml").toFile());
    assertThat(chart.path("home").asText()).startsWith("https://");
    assertThat(chart.path("sources")).isNotEmpty();
    assertThat(chart.path("maintainers")).isNotEmpty();
    JsonNode crds = YAML.readTree(chart.path("annotations").path("artifacthub.io/crds").asText());
    assertThat(crds.findValuesAsText("name"))
        .containsExactlyInAnyOrder(
            "servicestacks.stackpilot.io",
            "mediaservices.stackpilot.io",
            "securityservices.stackpilot.io",
            "monitoringservices.stackpilot.io");
  }

  private static String pomVersion() throws IOException {
    // The project's own version: the first <version> after its artifactId, before any dependency.
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher own =
        Pattern.compile("<artifactId>stackpilot</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(own.find()).as("pom.xml names the project's version").isTrue();
    return own.group(1);
  }
}
