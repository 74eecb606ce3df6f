package io.stackpilot.validation;

import io.stackpilot.api.BetaRolloutSpec;
import io.stackpilot.api.HealthSpec;
import io.stackpilot.api.RecoverySpec;
import io.stackpilot.api.RolloutStage;
import io.stackpilot.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every duration in a spec parses and is at most a year. The CRD checks their form, and the
 * recovery windows' minimum with CEL, but a form such as 99999999999999999999h still passes, and it
 * is only when a reconcile computes "now plus the soak" that it fails; and no wait of Stackpilot's
 * (a soak, a failure window) makes sense beyond a year.
 */
final class DurationChecks {

  static final Duration LONGEST = Duration.ofDays(365);

  private DurationChecks() {}

  /**
   * @param path the recovery block, e.g. {@code spec.recovery}
   */
  static void recovery(String path, RecoverySpec recovery, Findings findings) {
    if (recovery == null) {
      return;
    }
    duration(path + ".failureWindow", recovery.getFailureWindow(), findings);
    duration(path + ".progressDeadline", recovery.getProgressDeadline(), findings);
    duration(path + ".restartWindow", recovery.getRestartWindow(), findings);
  }

  /**
   * @param path the health block, e.g. {@code spec.health}
   */
  static void health(String path, HealthSpec health, Findings findings) {
    if (health == null || health.getStartup() == null) {
      return;
    }
    duration(path + ".startup.timeout", health.getStartup().getTimeout(), findings);
  }

  static void betaRollout(BetaRolloutSpec rollout, Findings findings) {
    List<RolloutStage> stages =
        Optional.ofNullable(rollout).map(BetaRolloutSpec::getStages).orElse(List.of());
    for (int i = 0; i < stages.size(); i++) {
      duration("spec.betaRollout.stages[" + i + "].soak", stages.get(i).getSoak(), findings);
    }
  }

  private static void duration(String field, String text, Findings findings) {
    if (text == null) {
      return;
    }
    try {
      if (Durations.parse(text).compareTo(LONGEST) > 0) {
        findings.error(
            field,
            field
                + " is "
                + text
                + ", longer than a year (8760h), which no wait of Stackpilot's"
                + " needs: shorten it");
      }
    } catch (IllegalArgumentException notADuration) {
      findings.error(field, field + ": " + notADuration.getMessage());
    }
  }
}
