package io.stackpilot.config;

import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container's entrypoint (the service's alone: it belongs to the image) and its identity, field
 * by field from the stack's layers up: a stack may give every member one fsGroup, and a member its
 * own uid.
 */
final class ContainerLayering {

  private ContainerLayering() {}

  static ContainerSettings layer(
      ServiceSpec spec, List<LayerInput> layers, Map<String, Layer> provenance) {
    var runAsUser = new LayeredValue<Long>("securityContext.runAsUser", null, provenance);
    var runAsGroup = new LayeredValue<Long>("securityContext.runAsGroup", null, provenance);
    var runAsNonRoot = new LayeredValue<Boolean>("securityContext.runAsNonRoot", null, provenance);
    var fsGroup = new LayeredValue<Long>("securityContext.fsGroup", null, provenance);
    var supplementalGroups =
        new LayeredValue<List<Long>>("securityContext.supplementalGroups", null, provenance);
    var capabilities =
        new LayeredValue<List<String>>("securityContext.capabilities.add", null, provenance);
    for (LayerInput input : layers) {
      SecurityContextSpec context = input.securityContext();
      if (context == null) {
        continue;
      }
      runAsUser.set(input.layer(), context.getRunAsUser());
      runAsGroup.set(input.layer(), context.getRunAsGroup());
      runAsNonRoot.set(input.layer(), context.getRunAsNonRoot());
      fsGroup.set(input.layer(), context.getFsGroup());
      supplementalGroups.set(input.layer(), nullIfEmpty(context.getSupplementalGroups()));
      capabilities.set(
          input.layer(),
          context.getCapabilities() == null
              ? null
              : nullIfEmpty(context.getCapabilities().getAdd()));
    }
    List<String> command = listOf(spec.getCommand());
    List<String> args = listOf(spec.getArgs());
    if (!command.isEmpty()) {
      provenance.put("command", Layer.SERVICE);
    }
    if (!args.isEmpty()) {
      provenance.put("args", Layer.SERVICE);
    }
    if (spec.getWorkingDir() != null) {
      provenance.put("workingDir", Layer.SERVICE);
    }
    return new ContainerSettings(
        command,
        args,
        Optional.ofNullable(spec.getWorkingDir()),
        Optional.ofNullable(runAsUser.value()),
        Optional.ofNullable(runAsGroup.value()),
        Optional.ofNullable(runAsNonRoot.value()),
        Optional.ofNullable(fsGroup.value()),
        listOf(supplementalGroups.value()),
        listOf(capabilities.value()));
  }

  private static <T> List<T> nullIfEmpty(List<T> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static <T> List<T> listOf(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
