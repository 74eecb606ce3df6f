package io.stackpilot.health;

import java.util.List;

/** The verdict on one revision, with the reason and the pods that show it. */
public record HealthAssessment(
    HealthVerdict verdict, String reason, String message, List<String> pods) {

  public static HealthAssessment healthy(String message) {
    return new HealthAssessment(HealthVerdict.HEALTHY, "Healthy", message, List.of());
  }

  public static HealthAssessment progressing(String message) {
    return new HealthAssessment(HealthVerdict.PROGRESSING, "Progressing", message, List.of());
  }

  public boolean isHealthy() {
    return verdict == HealthVerdict.HEALTHY;
  }

  public boolean isUnhealthy() {
    return verdict == HealthVerdict.UNHEALTHY;
  }
}
