package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates objects offline against their CRDs as the API server would at {@code kubectl apply}, in
 * its order: unknown fields reject the object before anything else; then metadata, the OpenAPI
 * schema of the defaulted object, and, unless one of those problems blocks them, the CEL rules.
 * Transition rules (those that read {@code oldSelf}) need the previous version of the object and
 * are skipped. A pure function of the CRDs and the object; it reads no cluster.
 */
public final class CrdValidator {

  private final Map<String, CrdDefinition> byGroupAndKind = new LinkedHashMap<>();
  private final CelRules cel = new CelRules();

  public CrdValidator(List<CrdDefinition> crds) {
    crds.forEach(crd -> byGroupAndKind.put(crd.group() + "/" + crd.kind(), crd));
  }

  /**
   * Whether the object belongs to a group of these CRDs; objects of other groups are not ours to
   * judge.
   */
  public boolean covers(JsonNode object) {
    String group = group(object.path("apiVersion").asText());
    return byGroupAndKind.values().stream().anyMatch(crd -> crd.group().equals(group));
  }

  public SchemaReport validate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    String group = group(apiVersion);
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    CrdDefinition crd = byGroupAndKind.get(group + "/" + kind);
    if (crd == null) {
      return rejected(
          new Violation(
              FieldPath.root().child("kind"),
              ViolationType.UNSUPPORTED,
              "no kind \"" + kind + "\" in group " + group + " (use one of " + kinds(group) + ")"));
    }
    Optional<CrdVersion> served = crd.servedVersion(version);
    if (served.isEmpty()) {
      return rejected(
          new Violation(
              FieldPath.root().child("apiVersion"),
              ViolationType.UNSUPPORTED,
              "version "
                  + version
                  + " of "
                  + kind
                  + " is not served (use "
                  + servedVersions(crd)
                  + ")"));
    }
    StructuralSchema schema = served.get().schema();
    JsonNode checked = withoutStatus(object);

    List<Violation> errors = new ArrayList<>();
    List<Violation> warnings = new ArrayList<>();
    findUnknownFields(checked, schema, errors);
    if (!errors.isEmpty()) {
      return new SchemaReport(errors, warnings);
    }
    JsonNode defaulted = Defaulting.apply(checked, schema);
    ObjectMetaChecks.check(defaulted.path("metadata"), errors);
    for (Map.Entry<String, StructuralSchema> property : schema.properties().entrySet()) {
      JsonNode value = defaulted.get(property.getKey());
      if (value != null) {
        StructuralValidator.validate(
            value, property.getValue(), FieldPath.root().child(property.getKey()), errors);
      }
    }
    for (String name : schema.required()) {
      if (!defaulted.has(name)) {
        errors.add(
            new Violation(
                FieldPath.root().child(name),
                ViolationType.REQUIRED,
                "is required but missing (add it)"));
      }
    }
    if (errors.stream().anyMatch(error -> error.type().blocksRules())) {
      errors.add(
          new Violation(
              FieldPath.root(),
              ViolationType.RULES_NOT_CHECKED,
              "the CRD's CEL rules were not checked because of the errors above (fix them and validate again)"));
      return new SchemaReport(errors, warnings);
    }
    new RuleWalker(cel, errors, warnings)
        .walk(defaulted, schema, FieldPath.root(), rootSelf(defaulted, schema));
    return new SchemaReport(errors, warnings);
  }

  /**
   * The status subresource makes the API server ignore status on create and on update of the main
   * resource, so a status in a file is never validated there.
   */
  private static JsonNode withoutStatus(JsonNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("status");
    return copy;
  }

  private static void findUnknownFields(
      JsonNode object, StructuralSchema schema, List<Violation> errors) {
    object
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!List.of("apiVersion", "kind", "metadata").contains(name)
                  && schema.field(name) == null
                  && !schema.preserveUnknownFields()) {
                errors.add(UnknownFields.unknown(FieldPath.root().child(name)));
              } else if (schema.properties().containsKey(name)) {
                UnknownFields.find(
                    object.get(name),
                    schema.properties().get(name),
                    FieldPath.root().child(name),
                    errors);
              }
            });
  }

  /**
   * CEL sees the object's apiVersion, kind and spec, and of its metadata only name and
   * generateName.
   */
  private static Object rootSelf(JsonNode object, StructuralSchema schema) {
    ObjectNode visible = object.deepCopy();
    ObjectNode metadata = visible.putObject("metadata");
    for (String field : List.of("name", "generateName")) {
      if (object.path("metadata").has(field)) {
        metadata.set(field, object.path("metadata").get(field));
      }
    }
    return CelValues.of(visible, schema);
  }

  private static SchemaReport rejected(Violation violation) {
    return new SchemaReport(List.of(violation), List.of());
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private String kinds(String group) {
    return String.join(
        ", ",
        byGroupAndKind.values().stream()
            .filter(crd -> crd.group().equals(group))
            .map(CrdDefinition::kind)
            .toList());
  }

  private static String servedVersions(CrdDefinition crd) {
    return String.join(
        " or ",
        crd.versions().stream()
            .filter(CrdVersion::served)
            .map(v -> crd.group() + "/" + v.name())
            .toList());
  }
}
