package io.stackpilot.faults;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.api.ServiceStatus;

/**
 * Where a service stood when a kill landed, in the words of its status: phase, beta stage, recovery
 * state.
 */
final class Where {

  private Where() {}

  static String of(MediaService service) {
    ServiceStatus status = service == null ? null : service.getStatus();
    if (status == null) {
      return "no status yet";
    }
    RolloutStatus rollout = status.getRollout();
    String stage =
        rollout == null
            ? ""
            : ", beta "
                + ("Progressing".equals(rollout.getState())
                    ? rollout.getStage()
                    : rollout.getState());
    String recovery =
        status.getRecovery() == null || status.getRecovery().getState() == null
            ? ""
            : ", recovery " + status.getRecovery().getState();
    return status.getPhase() + stage + recovery;
  }
}
