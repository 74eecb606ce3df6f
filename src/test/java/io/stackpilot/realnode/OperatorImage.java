package io.stackpilot.realnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.devcluster.node.RealNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The operator's image as scripts/operator-image builds it here, without a registry, from the jar
 * this build packaged (found current when neither changed), imported into the real node.
 */
final class OperatorImage {

  /** The chart's default image: its repository and its appVersion. */
  static final String NAME = "ghcr.io/stackpilot/stackpilot:0.1.0";

  private OperatorImage() {}

  /** Builds the image if needed, imports it into the node and returns its archive. */
  static Path importInto(RealNode node) throws IOException, InterruptedException {
    Instant building = Instant.now();
    Process build =
        new ProcessBuilder("scripts/operator-image", "target/stackpilot.jar")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String printed = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(build.waitFor(10, TimeUnit.MINUTES)).as("scripts/operator-image finished").isTrue();
    assertThat(build.exitValue()).as("scripts/operator-image: %s", printed).isZero();
    Path archive = Path.of(printed.strip().lines().reduce((a, b) -> b).orElseThrow());
    assertThat(archive.getFileName()).hasToString(RealNode.OPERATOR_IMAGE_ARCHIVE);
    System.out.printf(
        "[figure] operator image: built (or found current) in %d ms, archive %d MiB%n",
        Duration.between(building, Instant.now()).toMillis(), Files.size(archive) / (1024 * 1024));
    node.importImage(archive);
    return archive;
  }

  /** The JVM flags the Dockerfile sets (JAVA_TOOL_OPTIONS), which the image built here keeps. */
  static String dockerfileJavaOptions() throws IOException {
    return Files.readAllLines(Path.of("Dockerfile")).stream()
        .filter(line -> line.startsWith("ENV JAVA_TOOL_OPTIONS=\""))
        .map(line -> line.substring("ENV JAVA_TOOL_OPTIONS=\"".length(), line.length() - 1))
        .findFirst()
        .orElseThrow();
  }
}
