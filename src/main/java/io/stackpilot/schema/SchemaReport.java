package io.stackpilot.schema;

import java.util.List;

/**
 * What offline schema validation found in one object. Errors are what the API server would reject
 * the object for; warnings are what could not be checked offline (a CEL rule that CEL-java cannot
 * evaluate), so that nothing passes silently.
 */
public record SchemaReport(List<Violation> errors, List<Violation> warnings) {

  public SchemaReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean accepted() {
    return errors.isEmpty();
  }
}
