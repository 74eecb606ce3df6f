package io.stackpilot.reconcile;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the writes Stackpilot makes to the cluster, by kind. At rest this must stay flat: an
 * unchanged service costs no write on resync.
 */
public final class WriteCounter {

  private final MeterRegistry registry;

  public WriteCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String kind) {
    registry.counter("stackpilot.writes", "kind", kind).increment();
  }
}
