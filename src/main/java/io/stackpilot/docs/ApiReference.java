package io.stackpilot.docs;

import io.stackpilot.schema.CrdDefinition;
import io.stackpilot.schema.CrdVersion;
import io.stackpilot.schema.PrinterColumn;
import io.stackpilot.schema.StructuralSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API reference (docs/api.md) as a pure function of the CRDs: per kind its names, scope and
 * printer columns, then one table per object level with every field's type, whether it is required,
 * its default, its constraints, its CEL rules and its description. The same CRDs give the same
 * bytes, so a test can tell when the checked-in file is stale.
 */
public final class ApiReference {

  private final StringBuilder out = new StringBuilder();

  private ApiReference() {}

  public static String render(List<CrdDefinition> crds) {
    ApiReference reference = new ApiReference();
    reference.header(crds);
    crds.forEach(reference::kind);
    return reference.out.toString();
  }

  private void header(List<CrdDefinition> crds) {
    line("# API reference");
    line();
    line(
        "Generated from the CRDs in `crds/` by `make docs` (`io.stackpilot.docs.ApiReferenceGenerator`): do not");
    line(
        "edit by hand. `ApiReferenceIsCurrentTest` fails when this file is stale. Every field below is checked");
    line(
        "by the API server at `kubectl apply`, and offline by `stackpilot validate`; rules marked \"on update only\"");
    line(
        "compare with the previous version of the object and are checked by the API server alone.");
    line();
    for (CrdDefinition crd : crds) {
      line("- [" + crd.kind() + "](#" + crd.kind().toLowerCase(Locale.ROOT) + ")");
    }
  }

  private void kind(CrdDefinition crd) {
    line();
    line("## " + crd.kind());
    for (CrdVersion version : crd.versions()) {
      line();
      line("| | |");
      line("|---|---|");
      line(
          "| API version | "
              + Markdown.code(crd.group() + "/" + version.name())
              + (version.served() ? "" : " (not served)")
              + " |");
      line("| Kind | " + Markdown.code(crd.kind()) + " |");
      line(
          "| Resource | "
              + Markdown.code(crd.plural())
              + " (singular "
              + Markdown.code(crd.singular())
              + ") |");
      line(
          "| Short names | "
              + String.join(", ", crd.shortNames().stream().map(Markdown::code).toList())
              + " |");
      line(
          "| Categories | "
              + String.join(", ", crd.categories().stream().map(Markdown::code).toList())
              + " |");
      line("| Scope | " + crd.scope() + " |");
      printerColumns(version.printerColumns());
      StructuralSchema root = version.schema();
      rules("Rules on the whole object:", root);
      for (Map.Entry<String, StructuralSchema> top : root.properties().entrySet()) {
        level(crd.kind(), top.getKey(), top.getValue(), true);
      }
    }
  }

  private void printerColumns(List<PrinterColumn> columns) {
    if (columns.isEmpty()) {
      return;
    }
    line();
    line("`kubectl get` columns:");
    line();
    line("| Column | Type | From | Shown |");
    line("|---|---|---|---|");
    for (PrinterColumn column : columns) {
      line(
          "| "
              + Markdown.cell(column.name())
              + " | "
              + column.type()
              + " | "
              + Markdown.code(column.jsonPath())
              + " | "
              + (column.priority() == 0 ? "always" : "with `-o wide`")
              + " |");
    }
  }

  /** One object level: its heading, description and field table, then the levels below it. */
  private void level(String kind, String path, StructuralSchema schema, boolean topLevel) {
    line();
    line("<a id=\"" + anchor(kind, path) + "\"></a>");
    line();
    line("### " + kind + " " + Markdown.code(path));
    if (schema.description() != null) {
      line();
      line(Markdown.cell(schema.description()));
    }
    // Below the top, a level's own rules are in its row of the table above.
    if (topLevel) {
      rules("Rules:", schema);
    }
    line();
    line("| Field | Type | Required | Default | Constraints | Rules | Description |");
    line("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, StructuralSchema> field : schema.properties().entrySet()) {
      String fieldPath = path + "." + field.getKey();
      StructuralSchema fieldSchema = field.getValue();
      String below = levelBelow(fieldPath, fieldSchema);
      String type = FieldFacts.type(fieldSchema);
      if (below != null) {
        type = "[" + type + "](#" + anchor(kind, below) + ")";
      }
      line(
          "| "
              + Markdown.code(fieldPath)
              + " | "
              + type
              + " | "
              + (schema.required().contains(field.getKey()) ? "yes" : "")
              + " | "
              + FieldFacts.defaultValue(fieldSchema)
              + " | "
              + FieldFacts.constraints(fieldSchema)
              + " | "
              + FieldFacts.rulesOf(fieldSchema)
              + " | "
              + Markdown.cell(fieldSchema.description())
              + " |");
    }
    for (Map.Entry<String, StructuralSchema> field : schema.properties().entrySet()) {
      String fieldPath = path + "." + field.getKey();
      String below = levelBelow(fieldPath, field.getValue());
      if (below != null) {
        level(kind, below, objectBelow(field.getValue()), false);
      }
    }
  }

  private void rules(String title, StructuralSchema schema) {
    if (schema.rules().isEmpty()) {
      return;
    }
    line();
    line(title);
    line();
    schema.rules().forEach(rule -> line("- " + FieldFacts.ruleOutsideTable(rule)));
  }

  /**
   * The path of the object level a field leads to (itself, its items or its map values), or null.
   */
  private static String levelBelow(String fieldPath, StructuralSchema schema) {
    if (hasFields(schema)) {
      return fieldPath;
    }
    if (schema.items() != null && hasFields(schema.items())) {
      return fieldPath + "[]";
    }
    if (schema.additionalProperties() != null && hasFields(schema.additionalProperties())) {
      return fieldPath + ".*";
    }
    return null;
  }

  private static StructuralSchema objectBelow(StructuralSchema schema) {
    if (hasFields(schema)) {
      return schema;
    }
    return schema.items() != null && hasFields(schema.items())
        ? schema.items()
        : schema.additionalProperties();
  }

  private static boolean hasFields(StructuralSchema schema) {
    return !schema.properties().isEmpty();
  }

  private static String anchor(String kind, String path) {
    return (kind + "-" + path)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("-+$", "");
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  private void line() {
    out.append('\n');
  }
}
