package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.config.EffectiveService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Content-addressed, immutable ConfigMaps: the name carries a hash of the content, so a config
 * change makes a new ConfigMap and a new pod template (a rollout), and a rollback to an older
 * revision finds the older content still there.
 */
final class ConfigMapRenderer {

  private ConfigMapRenderer() {}

  /**
   * The config entries, passed to the container as environment variables; empty when there are
   * none.
   */
  static Optional<ConfigMap> entries(EffectiveService service, OwnerReference owner) {
    if (service.config().isEmpty()) {
      return Optional.empty();
    }
    SortedMap<String, String> data = new TreeMap<>(service.config());
    return Optional.of(
        build(ObjectNames.configMap(service.name(), ContentHash.of(data)), data, service, owner));
  }

  /**
   * The config files, one key each, mounted read-only at their paths; empty when there are none.
   */
  static Optional<ConfigMap> files(EffectiveService service, OwnerReference owner) {
    if (service.configFiles().isEmpty()) {
      return Optional.empty();
    }
    SortedMap<String, String> data = new TreeMap<>();
    List<ConfigFile> files = service.configFiles();
    for (int i = 0; i < files.size(); i++) {
      data.put(fileKey(i, files.get(i)), files.get(i).getContent());
    }
    // Paths are part of the content: moving a file must roll the pods too.
    String hash =
        ContentHash.of(
            Map.of("data", data, "paths", files.stream().map(ConfigFile::getPath).toList()));
    return Optional.of(
        build(ObjectNames.filesConfigMap(service.name(), hash), data, service, owner));
  }

  /** A ConfigMap key for a file: its position and base name, which is unique and a valid key. */
  static String fileKey(int index, ConfigFile file) {
    String baseName = file.getPath().substring(file.getPath().lastIndexOf('/') + 1);
    return index + "-" + baseName.replaceAll("[^-._a-zA-Z0-9]", "_");
  }

  private static ConfigMap build(
      String name, SortedMap<String, String> data, EffectiveService service, OwnerReference owner) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(service.namespace())
        .withLabels(Labels.standard(service))
        .withOwnerReferences(owner)
        .endMetadata()
        .withImmutable(true)
        .withData(data)
        .build();
  }
}
