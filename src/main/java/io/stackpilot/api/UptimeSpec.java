package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Where an uptime service finds the list of exposed services to probe, and how often. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class UptimeSpec {

  /** Where Gatus reads its configuration unless GATUS_CONFIG_PATH says otherwise. */
  public static final String DEFAULT_CONFIG_PATH = "/config/config.yaml";

  public static final String DEFAULT_INTERVAL = "60s";

  @JsonPropertyDescription(
      "Absolute path at which the endpoint list (Gatus' configuration format) is mounted. Default"
          + " /config/config.yaml, the file Gatus reads.")
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  private String configPath;

  @JsonPropertyDescription("How often each exposed service is probed, e.g. 60s (the default).")
  @Pattern("^([0-9]+(ms|s|m|h))+$")
  @Size(max = 32)
  private String interval;

  public String getConfigPath() {
    return configPath;
  }

  public void setConfigPath(String configPath) {
    this.configPath = configPath;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  /** The path the list is mounted at: configPath, else Gatus' own. */
  public static String effectivePath(UptimeSpec spec) {
    return spec == null || spec.configPath == null ? DEFAULT_CONFIG_PATH : spec.configPath;
  }

  /** The probe interval: interval, else a minute. */
  public static String effectiveInterval(UptimeSpec spec) {
    return spec == null || spec.interval == null ? DEFAULT_INTERVAL : spec.interval;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UptimeSpec other
        && Objects.equals(configPath, other.configPath)
        && Objects.equals(interval, other.interval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(configPath, interval);
  }
}
