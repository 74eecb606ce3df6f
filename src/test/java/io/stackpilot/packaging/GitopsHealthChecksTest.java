package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The health checks in deploy/gitops/ for Argo CD and Flux: the Lua script run on the statuses
 * Stackpilot writes, its copies in the argocd-cm patch, and the Flux expressions naming exactly the
 * four kinds of crds/.
 */
class GitopsHealthChecksTest {

  private static final Path GITOPS = Path.of("deploy/gitops");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readyIsHealthy() throws IOException {
    Map<String, String> health =
        argoHealth(
            """
        {"metadata": {"generation": 3},
         "status": {"observedGeneration": 3, "conditions": [
           {"type": "Ready", "status": "True", "reason": "Healthy", "message": "Revision 7f3a is live"},
           {"type": "Stalled", "status": "False", "reason": "Healthy"}]}}""");
    assertThat(health)
        .containsEntry("status", "Healthy")
        .containsEntry("message", "Healthy: Revision 7f3a is live");
  }

  @Test
  void stalledIsDegraded() throws IOException {
    Map<String, String> health =
        argoHealth(
            """
        {"metadata": {"generation": 4},
         "status": {"observedGeneration": 4, "conditions": [
           {"type": "Available", "status": "True"},
           {"type": "Ready", "status": "False", "reason": "RolledBack"},
           {"type": "Stalled", "status": "True", "reason": "RolledBack",
            "message": "revision 9c1e (sonarr:4.1.0-crashloop) crashed; back on 7f3a"}]}}""");
    assertThat(health)
        .containsEntry("status", "Degraded")
        .containsEntry(
            "message", "RolledBack: revision 9c1e (sonarr:4.1.0-crashloop) crashed; back on 7f3a");
  }

  @Test
  void anythingElseIsProgressing() throws IOException {
    assertThat(
            argoHealth(
                """
        {"metadata": {"generation": 1},
         "status": {"observedGeneration": 1, "conditions": [
           {"type": "Ready", "status": "False", "reason": "RollingOut", "message": "Rolling out 7f3a"},
           {"type": "Reconciling", "status": "True"}]}}"""))
        .containsEntry("status", "Progressing")
        .containsEntry("message", "RollingOut: Rolling out 7f3a");
    assertThat(
            argoHealth(
                """
        {"metadata": {"generation": 1}, "status": {"observedGeneration": 1, "conditions": []}}"""))
        .containsEntry("status", "Progressing");
    assertThat(
            argoHealth(
                """
        {"metadata": {"generation": 1}, "status": {"phase": "Pending"}}"""))
        .containsEntry("status", "Progressing");
  }

  @Test
  void noStatusYetIsProgressing() throws IOException {
    assertThat(
            argoHealth(
                """
        {"metadata": {"generation": 1}, "spec": {}}"""))
        .containsEntry("status", "Progressing")
        .containsEntry("message", "Waiting for Stackpilot to report a status");
  }

  @Test
  void aStatusOfAnOlderGenerationIsProgressingEvenWhenItSaysReady() throws IOException {
    assertThat(
            argoHealth(
                """
        {"metadata": {"generation": 5},
         "status": {"observedGeneration": 4, "conditions": [{"type": "Ready", "status": "True"}]}}"""))
        .containsEntry("status", "Progressing")
        .containsEntry("message", "Waiting for Stackpilot to act on generation 5");
  }

  @Test
  void argoCdPatchRegistersTheScriptForEachKind() throws IOException {
    JsonNode patch = YAML.readTree(GITOPS.resolve("argocd-cm-patch.yaml").toFile());
    assertThat(patch.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
    String script = Files.readString(GITOPS.resolve("argocd-health.lua"));
    List<String> keys = new ArrayList<>();
    patch.path("data").fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactlyInAnyOrderElementsOf(
            crdKinds().keySet().stream()
                .map(kind -> "resource.customizations.health.stackpilot.io_" + kind)
                .toList());
    for (String key : keys) {
      assertThat(patch.path("data").path(key).asText())
          .as("%s in argocd-cm-patch.yaml is a copy of argocd-health.lua", key)
          .isEqualTo(script);
    }
  }

  @Test
  void fluxChecksEachKindWithTheSameExpressions() throws IOException {
    JsonNode stack = null;
    for (JsonNode document : documents(GITOPS.resolve("flux-kustomization.yaml"))) {
      if (document.path("spec").has("healthCheckExprs")) {
        stack = document;
      }
    }
    assertThat(stack).as("a Kustomization with healthCheckExprs").isNotNull();
    Map<String, String> apiVersions = new TreeMap<>();
    for (JsonNode check : stack.path("spec").path("healthCheckExprs")) {
      apiVersions.put(check.path("kind").asText(), check.path("apiVersion").asText());
      assertThat(check.path("current").asText())
          .isEqualTo(
              "status.?conditions.orValue([]).exists(c, c.type == 'Ready' && c.status == 'True')");
      assertThat(check.path("failed").asText())
          .isEqualTo(
              "status.?conditions.orValue([]).exists(c, c.type == 'Stalled' && c.status == 'True')");
      assertThat(check.path("inProgress").asText())
          .isEqualTo("status.?observedGeneration.orValue(-1) != metadata.generation");
    }
    assertThat(apiVersions).isEqualTo(crdKinds());
  }

  /** Runs argocd-health.lua as Argo CD does: the object as the global {@code obj}, a table back. */
  private static Map<String, String> argoHealth(String object) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(JSON.readTree(object)));
    LuaValue result =
        globals
            .load(Files.readString(GITOPS.resolve("argocd-health.lua")), "argocd-health.lua")
            .call();
    Map<String, String> health = new TreeMap<>();
    for (String key : List.of("status", "message")) {
      if (!result.get(key).isnil()) {
        health.put(key, result.get(key).tojstring());
      }
    }
    return health;
  }

  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.fields().forEachRemaining(field -> table.set(field.getKey(), lua(field.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  /** Kind to group/version of the CRDs in crds/ (the served, stored version). */
  private static Map<String, String> crdKinds() throws IOException {
    Map<String, String> kinds = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        JsonNode spec = YAML.readTree(file.toFile()).path("spec");
        for (JsonNode version : spec.path("versions")) {
          if (version.path("storage").asBoolean()) {
            kinds.put(
                spec.path("names").path("kind").asText(),
                spec.path("group").asText() + "/" + version.path("name").asText());
          }
        }
      }
    }
    return kinds;
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      return YAML.readValues(parser, JsonNode.class).readAll();
    }
  }
}
