package io.stackpilot.lifecycle;

import io.stackpilot.health.HealthAssessment;
import io.stackpilot.health.HealthVerdict;
import java.util.List;

/**
 * Health assessments as the assessor would hand them to the decider; the decider reads only verdict
 * and reason.
 */
final class Health {

  private Health() {}

  static HealthAssessment healthy() {
    return HealthAssessment.healthy("1/1 pods ready");
  }

  static HealthAssessment progressing() {
    return HealthAssessment.progressing("0/1 pods ready");
  }

  static HealthAssessment failing(String reason) {
    return new HealthAssessment(
        HealthVerdict.UNHEALTHY,
        reason,
        reason + " in pod(s) app-7d9f-x2k4q",
        List.of("app-7d9f-x2k4q"));
  }
}
