package io.stackpilot.schema;

/**
 * How one CEL rule went on one value. {@code detail} is the rule's message when it failed, the
 * error when it could not be evaluated, and why not when it cannot be checked offline.
 */
record RuleOutcome(Verdict verdict, String detail) {

  enum Verdict {
    PASSED,
    FAILED,
    /** The rule ran into an error on this value; the API server rejects the object then too. */
    ERROR,
    /** CEL-java cannot compile the rule here (e.g. a Kubernetes library function it lacks). */
    NOT_CHECKABLE
  }

  static RuleOutcome passed() {
    return new RuleOutcome(Verdict.PASSED, "");
  }
}
