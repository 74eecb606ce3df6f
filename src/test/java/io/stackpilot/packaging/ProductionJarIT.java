package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The operator's jar carries the operator and its offline tools, and nothing that starts a control
 * plane: the local control plane and the demo are test support. Runs after {@code package}, on the
 * jar users run and the image copies.
 */
class ProductionJarIT {

  private static final Path JAR = Path.of("target/stackpilot.jar");

  @Test
  void theJarHoldsTheOperatorAndNoLocalControlPlane() throws IOException {
    List<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = jar.stream().map(ZipEntry::getName).toList();
    }

    assertThat(entries)
        .as("the operator and its commands")
        .contains(
            "io/stackpilot/cli/StackpilotCommand.class",
            "io/stackpilot/reconcile/ServiceReconciler.class",
            "META-INF/fabric8/mediaservices.stackpilot.io-v1.yml");
    assertThat(entries)
        .as("test support in %s", JAR)
        .noneMatch(
            name ->
                name.startsWith("io/stackpilot/devcluster/")
                    || name.startsWith("io/stackpilot/demo/")
                    || name.startsWith("devcluster/"));
  }
}
