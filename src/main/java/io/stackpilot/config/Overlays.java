package io.stackpilot.config;

import java.util.Optional;

/**
 * What the reconciler learns from other objects and layers over a service: whether a security
 * service protects it, and whether a metrics service scrapes it. Layering itself never reads the
 * cluster.
 *
 * @param protectedBy name of the SecurityService that protects this service, if any
 * @param scraped whether some MonitoringService with role Metrics selects this service
 */
public record Overlays(Optional<String> protectedBy, boolean scraped) {

  /**
   * Pod label naming the security service in front of the pods, so a network policy can admit its
   * proxy.
   */
  public static final String PROTECTED_BY_LABEL = "stackpilot.io/protected-by";

  /** Pod label marking pods that a Stackpilot metrics service scrapes. */
  public static final String SCRAPE_LABEL = "stackpilot.io/scrape";

  /** The port a metrics service scrapes; a scraped service without it gets no scrape overlay. */
  public static final String METRICS_PORT_NAME = "metrics";

  /** Neither protected nor scraped: what a service on its own, or an offline render, gets. */
  public static Overlays none() {
    return new Overlays(Optional.empty(), false);
  }
}
