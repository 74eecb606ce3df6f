package io.stackpilot.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

  @Test
  void aFolderMountedFromAConfigMapIsReadOnceThroughItsVisibleNames(@TempDir Path folder)
      throws IOException {
    // The kubelet's layout: the files in a hidden timestamped folder, ..data pointing at it, and a
    // visible link per key.
    Path stamped = Files.createDirectories(folder.resolve("..2026_12_06_16_00_00.123"));
    Files.writeString(stamped.resolve("stack.yaml"), "kind: ServiceStack\n");
    Files.writeString(stamped.resolve("notes.txt"), "not a manifest\n");
    Files.createSymbolicLink(folder.resolve("..data"), stamped.getFileName());
    Files.createSymbolicLink(folder.resolve("stack.yaml"), Path.of("..data/stack.yaml"));
    Files.createDirectories(folder.resolve("apps"));
    Files.writeString(folder.resolve("apps/sonarr.yml"), "kind: MediaService\n");

    assertThat(ManifestReader.files(folder))
        .containsExactly(folder.resolve("apps/sonarr.yml"), folder.resolve("stack.yaml"));
  }
}
