package io.stackpilot.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;

/** One object read from a file, and where it came from, so messages can say file:kind/name. */
public record Manifest(Path file, int documentIndex, HasMetadata object) {

  public String location() {
    return file + ":" + object.getKind() + "/" + object.getMetadata().getName();
  }
}
