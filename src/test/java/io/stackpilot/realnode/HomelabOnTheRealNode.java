package io.stackpilot.realnode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.devcluster.node.RealStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The README's example stack, examples/homelab as it is, made to run on the real node: each app's
 * image replaced by a stand-in that answers its health path on its port (the real images cannot be
 * pulled here), Prometheus by Debian's real one, and the stack's defaults pointed at the real node
 * and its CSI storage.
 */
final class HomelabOnTheRealNode {

  static final Path EXAMPLE = Path.of("examples/homelab");
  static final String STANDIN = "stackpilot.test/standin:1";
  static final String PROMETHEUS = "stackpilot.test/prometheus:debian";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private HomelabOnTheRealNode() {}

  /**
   * The example's objects with the stand-in images, and the stack's base (and the library claim) on
   * the real node's storage class, nodes and ports.
   */
  static String yaml() throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(EXAMPLE)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
          YAML.readValues(parser, ObjectNode.class).readAll().forEach(objects::add);
        }
      }
    }
    TreeSet<Integer> ports = new TreeSet<>();
    for (ObjectNode object : objects) {
      object.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asInt()));
    }
    StringBuilder yaml = new StringBuilder();
    for (ObjectNode object : objects) {
      String kind = object.path("kind").asText();
      String name = object.path("metadata").path("name").asText();
      if (!(object.get("spec") instanceof ObjectNode spec)) {
        yaml.append("---\n").append(YAML.writeValueAsString(object).replaceFirst("^---\n", ""));
        continue;
      }
      if (kind.endsWith("Service")) {
        String image = "prometheus".equals(name) ? PROMETHEUS : STANDIN;
        object.path("spec").path("channels").forEach(c -> ((ObjectNode) c).put("image", image));
      } else if ("ServiceStack".equals(kind)) {
        ObjectNode base = spec.with("base");
        base.putObject("nodeSelector").put(RealNode.LABEL, "real");
        base.putArray("tolerations")
            .addObject()
            .put("key", RealNode.TAINT)
            .put("operator", "Exists")
            .put("effect", "NoSchedule");
        base.put("storageClassName", RealStorage.STORAGE_CLASS);
        ArrayNode env = base.withArray("env");
        env.addObject()
            .put("name", "STANDIN_PORTS")
            .put("value", String.join(" ", ports.stream().map(String::valueOf).toList()));
      } else if ("PersistentVolumeClaim".equals(kind)) {
        // One node: ReadWriteOnce lets every pod of it share the library, as RWX would.
        spec.put("storageClassName", RealStorage.STORAGE_CLASS);
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.set("resources", JSON.valueToTree(Map.of("requests", Map.of("storage", "1Gi"))));
      }
      yaml.append("---\n").append(YAML.writeValueAsString(object).replaceFirst("^---\n", ""));
    }
    return yaml.toString();
  }
}
