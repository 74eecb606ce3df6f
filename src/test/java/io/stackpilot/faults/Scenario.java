package io.stackpilot.faults;

import java.util.Optional;

/**
 * A stream of changes to one service, each a piece of work the operator must finish exactly once
 * however often it is killed meanwhile.
 */
interface Scenario {

  /** reconcile, rollout, rollback or beta stage: the kind of work, as the report names it. */
  String name();

  String service();

  /** Applies the service as it starts, before any kill. */
  void setUp();

  /** What the service still lacks to be at rest after {@link #setUp()}; empty once it is. */
  Optional<String> notSettled();

  /** Applies the next change and returns the work it asks for. */
  Work next();

  /** Counts worth a line in the report beyond the checks (e.g. announcements a kill swallowed). */
  default String tally() {
    return "";
  }
}
