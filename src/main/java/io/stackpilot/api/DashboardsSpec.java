package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/** Where a dashboards service (Grafana) finds the datasources Stackpilot provisions for it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DashboardsSpec {

  /** Grafana reads every file of this folder as datasource provisioning at start. */
  public static final String DEFAULT_DATASOURCE_PATH =
      "/etc/grafana/provisioning/datasources/stackpilot.yaml";

  @JsonPropertyDescription(
      "Absolute path at which the datasource provisioning file is mounted. Default"
          + " /etc/grafana/provisioning/datasources/stackpilot.yaml, a folder Grafana reads.")
  @Pattern("^/[^\\x00]*$")
  @Size(max = 255)
  private String datasourcePath;

  public String getDatasourcePath() {
    return datasourcePath;
  }

  public void setDatasourcePath(String datasourcePath) {
    this.datasourcePath = datasourcePath;
  }

  /** The path the file is mounted at: datasourcePath, else Grafana's provisioning folder. */
  public static String effectivePath(DashboardsSpec spec) {
    return spec == null || spec.datasourcePath == null
        ? DEFAULT_DATASOURCE_PATH
        : spec.datasourcePath;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DashboardsSpec other
        && Objects.equals(datasourcePath, other.datasourcePath);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(datasourcePath);
  }
}
