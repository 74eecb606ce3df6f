package io.stackpilot.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.manifest.ManifestDocument;
import io.stackpilot.manifest.ManifestReader;
import io.stackpilot.schema.CrdValidator;
import io.stackpilot.schema.SchemaReport;
import io.stackpilot.schema.Violation;
import io.stackpilot.validation.ClusterFacts;
import io.stackpilot.validation.Finding;
import io.stackpilot.validation.SpecValidator;
import io.stackpilot.validation.ValidationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code stackpilot validate} checks in one document: first what the API server would check at
 * apply (the CRD's schema and CEL rules), then, on an object the API server would accept, the
 * operator's own checks that need nothing but the object. Those assume a schema-valid object, as
 * the operator only ever sees such objects, so they do not run on one the API server would reject.
 */
final class OfflineChecks {

  /** One line of the report; an empty field means the object as a whole. */
  record Problem(String field, boolean error, String message) {}

  private final CrdValidator crds;

  OfflineChecks(CrdValidator crds) {
    this.crds = crds;
  }

  /** Whether the document is one of the kinds these checks are about. */
  boolean covers(ManifestDocument document) {
    return crds.covers(document.content());
  }

  List<Problem> check(ManifestDocument document) {
    List<Problem> problems = new ArrayList<>();
    SchemaReport schema = crds.validate(document.content());
    schema.errors().forEach(violation -> problems.add(problem(violation, true)));
    schema.warnings().forEach(violation -> problems.add(problem(violation, false)));
    if (schema.accepted()) {
      ValidationReport semantic = semanticChecks(ManifestReader.toObject(document.content()));
      semantic.errors().forEach(finding -> problems.add(problem(finding, true)));
      semantic.warnings().forEach(finding -> problems.add(problem(finding, false)));
    }
    return problems;
  }

  private static ValidationReport semanticChecks(HasMetadata object) {
    if (object instanceof StackService service) {
      return SpecValidator.validateService(service, ClusterFacts.offline());
    }
    if (object instanceof ServiceStack stack) {
      return SpecValidator.validateStack(stack, ClusterFacts.offline());
    }
    return new ValidationReport(List.of(), List.of());
  }

  private static Problem problem(Violation violation, boolean error) {
    return new Problem(violation.field().text(), error, violation.message());
  }

  private static Problem problem(Finding finding, boolean error) {
    return new Problem(finding.field(), error, finding.message());
  }
}
