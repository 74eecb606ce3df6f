package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.lifecycle.Notice;
import io.stackpilot.lifecycle.RecoveryDecision;
import java.util.Optional;

/** Tells people what recovery decided: an Event for every notice. */
final class RecoverySignals {

  private final EventRecorder events;

  RecoverySignals(EventRecorder events) {
    this.events = events;
  }

  void announce(HasMetadata service, Optional<ServiceStack> stack, RecoveryDecision decision) {
    for (Notice notice : decision.notices()) {
      events.record(service, notice.warning() ? EventRecorder.Type.Warning : EventRecorder.Type.Normal,
          notice.reason(), notice.message());
    }
  }
}
