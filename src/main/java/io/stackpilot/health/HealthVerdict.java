package io.stackpilot.health;

/**
 * How a revision is doing right now; whether it has failed is judged over time by the recovery
 * decision.
 */
public enum HealthVerdict {
  /** Every desired pod runs the revision and is ready. */
  HEALTHY,
  /** Pods are starting and nothing is wrong yet. */
  PROGRESSING,
  /**
   * Something a kubelet reports as broken: a crash loop, an image that cannot be pulled, a deadline
   * passed.
   */
  UNHEALTHY
}
