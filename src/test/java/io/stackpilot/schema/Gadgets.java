package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The test CRD in src/test/resources/schema/gadgets-crd.yaml, and Gadget objects written as YAML.
 */
final class Gadgets {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final CrdDefinition CRD = load();
  static final CrdValidator VALIDATOR = new CrdValidator(List.of(CRD));

  private Gadgets() {}

  /** A Gadget named g1 with the given spec, written as YAML lines indented under spec. */
  static JsonNode gadget(String spec) {
    return yaml(
        "apiVersion: test.stackpilot.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n"
            + spec.indent(2));
  }

  static SchemaReport validate(String spec) {
    return VALIDATOR.validate(gadget(spec));
  }

  static StructuralSchema specSchema() {
    return CRD.versions().get(0).schema().properties().get("spec");
  }

  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CrdDefinition load() {
    try (InputStream crd = Gadgets.class.getResourceAsStream("/schema/gadgets-crd.yaml")) {
      return CrdDefinitions.parse(YAML.readTree(crd));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
