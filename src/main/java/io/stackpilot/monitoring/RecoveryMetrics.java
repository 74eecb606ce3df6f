package io.stackpilot.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What self-healing did, as metrics: the health of each service, how often it was rolled back or
 * restarted, and how long it took to get healthy again. Every series is labelled namespace, kind,
 * service.
 *
 * <p>Meter names are given in micrometer's dotted form; the Prometheus registry exposes them as
 * {@code stackpilot_service_health}, {@code stackpilot_rollbacks_total}, {@code
 * stackpilot_restarts_total} and {@code stackpilot_recovery_seconds} (it adds {@code _total} to
 * counters and the base unit to timers, so naming them with the suffix would double it or be
 * stripped, depending on the version).
 */
public final class RecoveryMetrics {

  static final String HEALTH = "stackpilot.service.health";
  static final String ROLLBACKS = "stackpilot.rollbacks";
  static final String RESTARTS = "stackpilot.restarts";
  static final String RECOVERY = "stackpilot.recovery";

  /**
   * Recovery is judged over a failure window of minutes, and a restart budget runs over half an
   * hour or more: the default timer buckets (up to 30 s) would put every recovery in +Inf.
   */
  private static final Duration FASTEST_RECOVERY = Duration.ofSeconds(1);

  private static final Duration SLOWEST_RECOVERY = Duration.ofHours(6);

  private final MeterRegistry registry;

  /**
   * The value behind each health gauge. Micrometer holds gauge state weakly; held here, a gauge
   * cannot silently turn into NaN after a garbage collection.
   */
  private final ConcurrentMap<ServiceKey, HealthGauge> health = new ConcurrentHashMap<>();

  public RecoveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets {@code stackpilot_service_health} of the service. */
  public void health(String namespace, String kind, String name, HealthLevel level) {
    health
        .computeIfAbsent(new ServiceKey(namespace, kind, name), this::register)
        .level()
        .set(level);
  }

  /** Drops the health series of a deleted service, so dashboards do not show it frozen forever. */
  public void forget(String namespace, String kind, String name) {
    // compute, not remove-then-unregister, so a concurrent health() cannot bind to a dying gauge.
    health.computeIfPresent(
        new ServiceKey(namespace, kind, name),
        (key, gauge) -> {
          registry.remove(gauge.gauge());
          Tags tags = tags(namespace, kind, name);
          registry.remove(rollbacks(tags));
          registry.remove(restarts(tags));
          return null;
        });
  }

  /** Counts a rollback in {@code stackpilot_rollbacks_total}. */
  public void rollback(String namespace, String kind, String name) {
    rollbacks(tags(namespace, kind, name)).increment();
  }

  /** Counts a restart in {@code stackpilot_restarts_total}. */
  public void restart(String namespace, String kind, String name) {
    restarts(tags(namespace, kind, name)).increment();
  }

  private Counter rollbacks(Tags tags) {
    return Counter.builder(ROLLBACKS)
        .description("Rollbacks to the last healthy revision")
        .tags(tags)
        .register(registry);
  }

  private Counter restarts(Tags tags) {
    return Counter.builder(RESTARTS)
        .description("Restarts of a healthy revision that turned unhealthy")
        .tags(tags)
        .register(registry);
  }

  /**
   * Records in {@code stackpilot_recovery_seconds} how long the service took to be healthy again.
   */
  public void recovered(String namespace, String kind, String name, Duration sinceFailureDetected) {
    Timer.builder(RECOVERY)
        .description("Time from detecting a failure to being healthy again")
        .tags(tags(namespace, kind, name))
        .publishPercentileHistogram()
        .minimumExpectedValue(FASTEST_RECOVERY)
        .maximumExpectedValue(SLOWEST_RECOVERY)
        .register(registry)
        .record(sinceFailureDetected);
  }

  /**
   * The health gauge of a service seen for the first time, and its counters at zero: a counter that
   * first appeared at 1 would show Prometheus no increase, and the first rollback of every service
   * would raise no alert.
   */
  private HealthGauge register(ServiceKey key) {
    Tags tags = tags(key.namespace(), key.kind(), key.name());
    rollbacks(tags);
    restarts(tags);
    AtomicReference<HealthLevel> level = new AtomicReference<>(HealthLevel.PROGRESSING);
    Gauge gauge =
        Gauge.builder(HEALTH, level, current -> current.get().value())
            .description("Service health: 1 healthy, 0.5 progressing, 0 unhealthy or degraded")
            .tags(tags(key.namespace(), key.kind(), key.name()))
            .strongReference(true)
            .register(registry);
    return new HealthGauge(level, gauge);
  }

  private static Tags tags(String namespace, String kind, String name) {
    return Tags.of("namespace", namespace, "kind", kind, "service", name);
  }

  private record ServiceKey(String namespace, String kind, String name) {}

  private record HealthGauge(AtomicReference<HealthLevel> level, Gauge gauge) {}
}
