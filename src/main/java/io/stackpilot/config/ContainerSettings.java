package io.stackpilot.config;

import java.util.List;
import java.util.Optional;

/**
 * How the container's process starts and whom it runs as, where the spec says so: the entrypoint
 * and its arguments (the service's own), and the identity fields (layered from the stack) that
 * override what the security profile sets. Empty means the image's and the profile's own.
 */
public record ContainerSettings(
    List<String> command,
    List<String> args,
    Optional<String> workingDir,
    Optional<Long> runAsUser,
    Optional<Long> runAsGroup,
    Optional<Boolean> runAsNonRoot,
    Optional<Long> fsGroup,
    List<Long> supplementalGroups,
    List<String> addedCapabilities) {

  /** The image's entrypoint and the profile's identity, unchanged. */
  public static ContainerSettings asTheImageSays() {
    return new ContainerSettings(
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of());
  }
}
