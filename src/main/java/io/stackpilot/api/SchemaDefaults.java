package io.stackpilot.api;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Defaults that both the CRDs declare (through {@code @Default}, so the API server fills them in)
 * and the code falls back to when a field is absent (a service without a stack, a manifest read
 * offline by {@code stackpilot validate} or {@code render}, an object written before the CRD had
 * the default). Defined once here, so the two cannot drift apart.
 */
public final class SchemaDefaults {

  /** The channel of a service whose spec and stack name none. */
  public static final String CHANNEL = "stable";

  /** Whether beta goes live by itself after its last stage. */
  public static final String PROMOTION = "Automatic";

  public static final String NETWORK_POLICY = "Off";

  /** A stack gets a ServiceMonitor wherever the Prometheus Operator's API is served. */
  public static final String SERVICE_MONITOR_MODE = "Auto";

  /** Egress of an isolated stack is open unless it says Restrict. */
  public static final String EGRESS_MODE = "Open";

  public static final String PROTOCOL = "TCP";
  public static final String ACCESS_MODE = "ReadWriteOnce";
  public static final String RECLAIM = "Retain";
  public static final String SNAPSHOTS_TO_KEEP = "3";
  public static final String WEBHOOK_FORMAT = "Generic";

  /** Media libraries are shared data: mounted read-only unless the spec says otherwise. */
  public static final String LIBRARY_READ_ONLY = "true";

  /**
   * Recovery timings are defaults of layering alone, never declared in the CRDs: a default filled
   * in on every service would hide the value its stack sets. Validation compares against them too.
   */
  public static final String FAILURE_WINDOW = "2m";

  public static final String PROGRESS_DEADLINE = "5m";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaDefaults() {}

  /** The enum constant a default spells, read as the resource would be. */
  public static <E extends Enum<E>> E of(Class<E> type, String value) {
    return JSON.convertValue(value, type);
  }
}
