package io.stackpilot.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;

/**
 * Writes the configuration files the stack renders for its monitoring services (Prometheus,
 * Grafana, Gatus). Jackson quotes every string value, so no name, host or label from a spec can
 * break the YAML; callers pass maps in a fixed order, so the text, and the hash of the ConfigMap
 * that carries it, changes only when what it says does.
 */
final class ConfigYaml {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  private ConfigYaml() {}

  static String write(Object document) {
    try {
      return YAML.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      // Maps of strings, numbers and lists always serialize; reaching here is a bug.
      throw new UncheckedIOException(e);
    }
  }
}
