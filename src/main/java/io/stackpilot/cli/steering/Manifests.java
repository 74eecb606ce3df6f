package io.stackpilot.cli.steering;

import io.stackpilot.steering.AnnotationChange;

/** What to write into a manifest in a repository, for a change a GitOps tool should apply. */
final class Manifests {

  private Manifests() {}

  static String annotationToCommit(AnnotationChange change) {
    if (change.value().isEmpty()) {
      return "  remove metadata.annotations[\"" + change.key() + "\"]\n";
    }
    return "metadata:\n  annotations:\n    "
        + change.key()
        + ": \""
        + change.value().get()
        + "\"\n";
  }
}
