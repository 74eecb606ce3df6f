package io.stackpilot.badinput;

import java.util.function.Predicate;

/**
 * One way to spoil a spec, by name (the report counts verdicts per mutation). {@code apply} returns
 * whether it changed anything: a mutation that finds nothing to aim at (no duration in the spec,
 * say) leaves the draft alone and is not reported.
 */
record Mutation(String name, Stage stage, Predicate<FuzzKind> appliesTo, Effect apply) {

  /**
   * When a mutation runs among the others of a case. Shape changes come first, sizes next, then the
   * semantic ones, whose expectations no later mutation may undo, and deep nesting last: no other
   * mutation has to walk or copy a tree thousands of levels deep.
   */
  enum Stage {
    SHAPE,
    SIZE,
    SEMANTIC,
    NESTING
  }

  @FunctionalInterface
  interface Effect {
    boolean applyTo(Draft draft);
  }
}
