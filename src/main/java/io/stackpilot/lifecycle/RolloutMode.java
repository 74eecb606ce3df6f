package io.stackpilot.lifecycle;

/** How beta reaches a service's pods. */
public enum RolloutMode {
  /**
   * A canary Deployment beside stable, sized by the stage's percent: multi-replica, no
   * single-writer volume.
   */
  CANARY,
  /**
   * The one Deployment swapped to beta and soaked: single-replica services and those with a
   * ReadWriteOnce volume, which must never run two pods on the same data.
   */
  SWAP
}
