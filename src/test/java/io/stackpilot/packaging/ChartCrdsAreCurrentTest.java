package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * crds/ is the one copy of the CRDs in the repository (CrdsAreCurrentTest keeps it equal to the API
 * classes). The kustomize base reads it as a base of its own; the chart gets a copy from the build,
 * which must be byte for byte crds/ and is never committed.
 */
class ChartCrdsAreCurrentTest {

  private static final Path CRDS = Path.of("crds");

  @Test
  void theBuildCopiesCrdsIntoTheChart() throws IOException {
    Path chart = Path.of("helm/stackpilot/crds");
    List<String> expected = names(CRDS);
    assertThat(expected).as("CRD files in crds/").hasSize(4);
    assertThat(names(chart))
        .as("files in %s (the build's generate-resources phase copies them)", chart)
        .containsExactlyElementsOf(expected);
    for (String name : expected) {
      assertThat(Files.readAllBytes(chart.resolve(name)))
          .as("%s/%s differs from crds/%s", chart, name, name)
          .isEqualTo(Files.readAllBytes(CRDS.resolve(name)));
    }
  }

  @Test
  void theKustomizeBaseTakesEveryCrdFromCrds() throws IOException {
    // Named without an extension, which kustomize reads and `kubectl apply -f crds/` skips.
    String crdsBase = Files.readString(CRDS.resolve("Kustomization"));
    for (String name : names(CRDS)) {
      assertThat(crdsBase).as("crds/Kustomization lists %s", name).contains("  - " + name + "\n");
    }
    assertThat(Files.readString(Path.of("deploy/kustomization.yaml"))).contains("  - ../crds\n");
    assertThat(Path.of("deploy/crds")).as("no second copy in deploy/").doesNotExist();
  }

  @Test
  void kubectlApplyOfCrdsFindsCrdsAlone() throws IOException {
    try (Stream<Path> files = Files.list(CRDS)) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")))
          .as("what `kubectl apply -f crds/` reads")
          .containsExactlyInAnyOrderElementsOf(names(CRDS));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-v1.yml"))
          .map(f -> f.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
