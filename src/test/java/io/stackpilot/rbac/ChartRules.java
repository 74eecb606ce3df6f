package io.stackpilot.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackpilot.testing.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the chart grants the operator, as {@code verb group/resource} lines: the rules of its
 * (Cluster)Role and of its leader-election Role, rendered by helm template with default values.
 */
final class ChartRules {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ChartRules() {}

  static Set<String> granted(TestCluster cluster) {
    String rendered =
        cluster.helm("template", "stackpilot", "helm/stackpilot").assertSuccess().stdout();
    Set<String> grants = new TreeSet<>();
    try (var parser = new YAMLFactory().createParser(rendered)) {
      for (JsonNode object : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (object == null
            || !Set.of("Role", "ClusterRole").contains(object.path("kind").asText())) {
          continue;
        }
        for (JsonNode rule : object.path("rules")) {
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              for (JsonNode verb : rule.path("verbs")) {
                grants.add(line(verb.asText(), group.asText(), resource.asText()));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return grants;
  }

  /**
   * How a grant and a request are compared: {@code patch apps/deployments}, {@code get secrets}.
   */
  static String line(String verb, String group, String resource) {
    return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }
}
