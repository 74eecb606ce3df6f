package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CustomResourceDefinitions from their YAML, e.g. the ones the CRD generator puts in the jar
 * under {@code META-INF/fabric8/}, so that validation works wherever the jar runs.
 */
public final class CrdDefinitions {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private CrdDefinitions() {}

  /**
   * The CRDs named like {@code mediaservices.stackpilot.io}, from {@code
   * META-INF/fabric8/<name>-v1.yml}.
   */
  public static List<CrdDefinition> fromClasspath(List<String> crdNames) {
    List<CrdDefinition> crds = new ArrayList<>();
    for (String name : crdNames) {
      String resource = "/META-INF/fabric8/" + name + "-v1.yml";
      try (InputStream yaml = CrdDefinitions.class.getResourceAsStream(resource)) {
        if (yaml == null) {
          throw new IllegalStateException(
              "the CRD "
                  + name
                  + " is not on the classpath at "
                  + resource
                  + ": build with Maven (the CRD generator runs at process-classes)");
        }
        crds.add(parse(YAML.readTree(yaml)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return crds;
  }

  /** One CRD, as {@code kubectl get crd -o json} shows it. */
  public static CrdDefinition parse(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<CrdVersion> versions = new ArrayList<>();
    for (JsonNode version : spec.path("versions")) {
      List<PrinterColumn> columns = new ArrayList<>();
      for (JsonNode column : version.path("additionalPrinterColumns")) {
        columns.add(
            new PrinterColumn(
                column.path("name").asText(),
                column.path("type").asText(),
                column.path("jsonPath").asText(),
                column.path("priority").asInt(0),
                column.hasNonNull("description") ? column.get("description").asText() : null));
      }
      versions.add(
          new CrdVersion(
              version.path("name").asText(),
              version.path("served").asBoolean(),
              version.path("storage").asBoolean(),
              columns,
              StructuralSchema.parse(version.path("schema").path("openAPIV3Schema"))));
    }
    return new CrdDefinition(
        crd.path("metadata").path("name").asText(),
        spec.path("group").asText(),
        names.path("kind").asText(),
        names.path("plural").asText(),
        names.path("singular").asText(),
        texts(names.path("shortNames")),
        texts(names.path("categories")),
        spec.path("scope").asText(),
        versions);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
