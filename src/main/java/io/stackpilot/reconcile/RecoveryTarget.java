package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.lifecycle.RevisionRecord;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.RevisionSnapshots;
import java.time.Instant;

/**
 * What a recovery decision means for the objects and the history: pure, so what a rollback or a
 * restart applies is tested without a cluster.
 */
final class RecoveryTarget {

  private RecoveryTarget() {}

  /**
   * The history with the revision about to be applied recorded (when it is the desired one and
   * new), quarantined revisions marked failed and the last healthy one marked healthy.
   */
  static RevisionHistory history(
      RecoveryDecision decided,
      RenderedService rendered,
      DesiredRevision wanted,
      RevisionHistory history,
      Instant now) {
    // Marked before a new record, too, so that the limit keeps it.
    RevisionHistory next = markedHealthy(decided, history);
    if (decided.target().equals(wanted.revision()) && next.find(wanted.revision()).isEmpty()) {
      next =
          next.recorded(RevisionSnapshots.record(rendered, wanted.channel(), wanted.image(), now));
    }
    for (var quarantined : decided.quarantine()) {
      next = next.withResult(quarantined.getRevision(), RevisionRecord.FAILED);
    }
    return markedHealthy(decided, next);
  }

  private static RevisionHistory markedHealthy(RecoveryDecision decided, RevisionHistory history) {
    return decided
        .lastHealthyRevision()
        .map(healthy -> history.withResult(healthy, RevisionRecord.HEALTHY))
        .orElse(history);
  }

  /**
   * The objects to apply: the current rendering for the desired revision, or the recorded revision
   * the decision rolls back to (with the current Service and claims); restarted when the decision
   * restarts the target.
   *
   * @param history the history as {@link #history} leaves it, which holds the target
   */
  static RenderedService objects(
      RecoveryDecision decided,
      RenderedService rendered,
      DesiredRevision wanted,
      RevisionHistory history,
      OwnerReference owner) {
    RenderedService target =
        decided.target().equals(wanted.revision())
            ? rendered
            : RevisionSnapshots.restore(
                rendered, history.find(decided.target()).orElseThrow(), owner);
    if (decided.state().restartedRevision().filter(decided.target()::equals).isPresent()) {
      target = RevisionSnapshots.restarted(target, decided.state().restartedAt().orElseThrow());
    }
    return target;
  }
}
