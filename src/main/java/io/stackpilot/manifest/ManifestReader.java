package io.stackpilot.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.ApiGroup;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests from files and folders, as kubectl apply -f would: every .yaml, .yml
 * and .json file, every document in it. Stackpilot's kinds become their typed classes; anything
 * else stays generic.
 */
public final class ManifestReader {

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "ServiceStack", ServiceStack.class,
          "MediaService", MediaService.class,
          "SecurityService", SecurityService.class,
          "MonitoringService", MonitoringService.class);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestReader() {}

  public static List<Manifest> read(Path fileOrFolder) {
    List<Manifest> all = new ArrayList<>();
    for (Path file : files(fileOrFolder)) {
      for (ManifestDocument document : readDocuments(file)) {
        all.add(
            new Manifest(document.file(), document.documentIndex(), toObject(document.content())));
      }
    }
    return all;
  }

  /**
   * The manifest files of a file or folder, in a stable order: YAML and JSON files, in subfolders
   * too, but never under a hidden folder. A ConfigMap mounted as a folder keeps a second copy of
   * its files in hidden folders ({@code ..data}, {@code ..<timestamp>}), which would otherwise be
   * read twice.
   */
  public static List<Path> files(Path fileOrFolder) {
    if (!Files.isDirectory(fileOrFolder)) {
      return List.of(fileOrFolder);
    }
    try (Stream<Path> walk = Files.walk(fileOrFolder)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
          .filter(p -> !underHiddenFolder(fileOrFolder.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean underHiddenFolder(Path relative) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      if (relative.getName(i).toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** Every non-empty document of one file, as written. */
  public static List<ManifestDocument> readDocuments(Path file) {
    List<ManifestDocument> manifests = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      List<JsonNode> documents = YAML.readValues(parser, JsonNode.class).readAll();
      int index = 0;
      for (JsonNode document : documents) {
        if (document != null && !document.isNull() && !document.isEmpty()) {
          manifests.add(new ManifestDocument(file, index, document));
        }
        index++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return manifests;
  }

  /** Stackpilot's kinds as their typed classes, anything else as a generic resource. */
  public static HasMetadata toObject(JsonNode document) {
    String kind = document.path("kind").asText();
    String apiVersion = document.path("apiVersion").asText();
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type != null && apiVersion.equals(ApiGroup.GROUP + "/" + ApiGroup.VERSION)) {
      return SERIALIZATION.convertValue(document, type);
    }
    return SERIALIZATION.convertValue(document, GenericKubernetesResource.class);
  }
}
