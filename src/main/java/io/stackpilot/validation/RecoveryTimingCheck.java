package io.stackpilot.validation;

import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Warns when recovery.failureWindow is longer than recovery.progressDeadline: a new revision that
 * stays unhealthy is judged failed at the progress deadline already, so such a window never
 * applies.
 */
final class RecoveryTimingCheck {

  // The built-in defaults, for a spec and stack that set only one of the two.
  static final String DEFAULT_FAILURE_WINDOW = SchemaDefaults.FAILURE_WINDOW;
  static final String DEFAULT_PROGRESS_DEADLINE = SchemaDefaults.PROGRESS_DEADLINE;

  private RecoveryTimingCheck() {}

  /**
   * Reports on the object that set at least one of the two; otherwise a layer below it owns the
   * problem.
   */
  static void check(
      Setting<String> failureWindow, Setting<String> progressDeadline, Findings findings) {
    if (!failureWindow.own() && !progressDeadline.own()) {
      return;
    }
    Optional<Duration> window = parse(failureWindow.value());
    Optional<Duration> deadline = parse(progressDeadline.value());
    if (window.isPresent() && deadline.isPresent() && window.get().compareTo(deadline.get()) > 0) {
      String field = failureWindow.own() ? failureWindow.source() : progressDeadline.source();
      findings.warning(
          field,
          "failureWindow "
              + failureWindow.value()
              + " ("
              + failureWindow.source()
              + ") is longer than progressDeadline "
              + progressDeadline.value()
              + " ("
              + progressDeadline.source()
              + "): a failing rollout is judged at the progress deadline first, so the failure window never"
              + " applies: make failureWindow at most progressDeadline");
    }
  }

  // The CRD's pattern is the one Durations parses, so an unparsable value never got past the API
  // server; in files that skipped it, the schema check of `stackpilot validate` reports it.
  private static Optional<Duration> parse(String duration) {
    try {
      return Optional.of(Durations.parse(duration));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
