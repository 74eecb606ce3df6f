package io.stackpilot.config;

import io.stackpilot.api.RecoverySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Effective recovery settings, field by field: a stack may set the window and a service the policy.
 */
final class RecoveryLayering {

  private RecoveryLayering() {}

  static RecoverySettings layer(List<LayerInput> layers, Map<String, Layer> provenance) {
    var rollback = new LayeredValue<>("recovery.rollback", BuiltInDefaults.ROLLBACK, provenance);
    var failureWindow =
        new LayeredValue<>("recovery.failureWindow", BuiltInDefaults.FAILURE_WINDOW, provenance);
    var progressDeadline =
        new LayeredValue<>(
            "recovery.progressDeadline", BuiltInDefaults.PROGRESS_DEADLINE, provenance);
    var maxRestarts =
        new LayeredValue<>("recovery.maxRestarts", BuiltInDefaults.MAX_RESTARTS, provenance);
    var restartWindow =
        new LayeredValue<>("recovery.restartWindow", BuiltInDefaults.RESTART_WINDOW, provenance);
    for (LayerInput input : layers) {
      RecoverySpec recovery = input.recovery();
      if (recovery == null) {
        continue;
      }
      String field = input.location() + ".recovery.";
      rollback.set(input.layer(), recovery.getRollback());
      failureWindow.set(
          input.layer(), durationIfSet(field + "failureWindow", recovery.getFailureWindow()));
      progressDeadline.set(
          input.layer(), durationIfSet(field + "progressDeadline", recovery.getProgressDeadline()));
      maxRestarts.set(input.layer(), recovery.getMaxRestarts());
      restartWindow.set(
          input.layer(), durationIfSet(field + "restartWindow", recovery.getRestartWindow()));
    }
    return new RecoverySettings(
        rollback.value(),
        failureWindow.value(),
        progressDeadline.value(),
        maxRestarts.value(),
        restartWindow.value());
  }

  private static Duration durationIfSet(String field, String text) {
    return text == null ? null : Durations.parse(field, text);
  }
}
