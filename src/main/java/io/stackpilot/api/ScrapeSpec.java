package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/** What a metrics service scrapes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScrapeSpec {

  @JsonPropertyDescription("Services to scrape, by label; each needs a port named metrics.")
  private LabelSelector selector;

  @JsonPropertyDescription("Scrape interval, e.g. 30s.")
  @Pattern("^([0-9]+(ms|s|m|h))+$")
  @Size(max = 32)
  private String interval;

  /** Where Prometheus reads its configuration unless its --config.file says otherwise. */
  public static final String DEFAULT_CONFIG_PATH = "/etc/prometheus/prometheus.yml";

  @JsonPropertyDescription(
      "Absolute path at which the rendered Prometheus configuration is mounted. Default"
          + " /etc/prometheus/prometheus.yml, the file Prometheus reads; for another path, pass it"
          + " in args as --config.file.")
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  private String configPath;

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }

  public String getConfigPath() {
    return configPath;
  }

  /** The path the configuration is mounted at: configPath, else Prometheus' own default. */
  public String effectiveConfigPath() {
    return configPath == null ? DEFAULT_CONFIG_PATH : configPath;
  }

  public void setConfigPath(String configPath) {
    this.configPath = configPath;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScrapeSpec other
        && Objects.equals(selector, other.selector)
        && Objects.equals(interval, other.interval)
        && Objects.equals(configPath, other.configPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(selector, interval, configPath);
  }
}
