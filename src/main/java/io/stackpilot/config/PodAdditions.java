package io.stackpilot.config;

import io.stackpilot.api.ExtraContainer;
import io.stackpilot.api.ExtraVolume;
import io.stackpilot.api.VolumeMountSpec;
import java.util.List;

/**
 * What the pod holds beyond the app's container and its storage: extra volumes, the app's mounts of
 * them, and the init and extra containers, each with the image of the live channel. The service's
 * own (a stack does not add containers to its members).
 */
public record PodAdditions(
    List<ExtraVolume> volumes,
    List<VolumeMountSpec> volumeMounts,
    List<ExtraContainer> initContainers,
    List<ExtraContainer> containers) {

  /** A pod of the app's container alone. */
  public static PodAdditions none() {
    return new PodAdditions(List.of(), List.of(), List.of(), List.of());
  }

  /** Whether the pod has anything beyond the app's container and storage. */
  public boolean isEmpty() {
    return volumes.isEmpty()
        && volumeMounts.isEmpty()
        && initContainers.isEmpty()
        && containers.isEmpty();
  }
}
