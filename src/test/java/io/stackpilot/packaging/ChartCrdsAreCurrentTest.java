package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart and the kustomize base carry their own copies of crds/: Helm installs only what is inside
 * the chart, and kustomize refuses files outside its folder. Each copy must be byte for byte crds/
 * (which CrdsAreCurrentTest keeps equal to the API classes); `make crds` refreshes all three.
 */
class ChartCrdsAreCurrentTest {

  private static final Path CRDS = Path.of("crds");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"helm/stackpilot/crds", "deploy/crds"})
  void copyEqualsCrds(String folder) throws IOException {
    Path copy = Path.of(folder);
    List<String> expected = names(CRDS);
    assertThat(expected).as("CRD files in crds/").hasSize(4);
    assertThat(names(copy)).as("files in %s (run `make crds`)", folder).containsExactlyElementsOf(expected);
    for (String name : expected) {
      assertThat(Files.readAllBytes(copy.resolve(name)))
          .as("%s/%s differs from crds/%s: run `make crds` and commit the result", folder, name, name)
          .isEqualTo(Files.readAllBytes(CRDS.resolve(name)));
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
