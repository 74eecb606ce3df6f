package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;
import java.util.Optional;

/** What is particular to a monitoring service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonitoringSpec {

  @JsonPropertyDescription("Metrics (collects), Dashboards (shows) or Uptime (probes).")
  @Required
  private MonitoringRole role;

  @JsonPropertyDescription("What to scrape (role Metrics).")
  private ScrapeSpec scrape;

  @JsonPropertyDescription(
      "Where the provisioned datasources of the stack's Metrics services go (role Dashboards).")
  private DashboardsSpec dashboards;

  @JsonPropertyDescription("Where the list of exposed services goes, and how often (role Uptime).")
  private UptimeSpec uptime;

  public MonitoringRole getRole() {
    return role;
  }

  public void setRole(MonitoringRole role) {
    this.role = role;
  }

  public ScrapeSpec getScrape() {
    return scrape;
  }

  public void setScrape(ScrapeSpec scrape) {
    this.scrape = scrape;
  }

  public DashboardsSpec getDashboards() {
    return dashboards;
  }

  public void setDashboards(DashboardsSpec dashboards) {
    this.dashboards = dashboards;
  }

  public UptimeSpec getUptime() {
    return uptime;
  }

  public void setUptime(UptimeSpec uptime) {
    this.uptime = uptime;
  }

  /**
   * The file this role renders from the stack: Metrics' Prometheus configuration (only with scrape
   * settings), Dashboards' datasources, Uptime's endpoint list; empty for a role that renders none.
   */
  public Optional<RoleFile> roleFile() {
    if (role == null) {
      return Optional.empty();
    }
    return switch (role) {
      case METRICS ->
          Optional.ofNullable(scrape)
              .map(s -> new RoleFile("spec.monitoring.scrape.configPath", s.effectiveConfigPath()));
      case DASHBOARDS ->
          Optional.of(
              new RoleFile(
                  "spec.monitoring.dashboards.datasourcePath",
                  DashboardsSpec.effectivePath(dashboards)));
      case UPTIME ->
          Optional.of(
              new RoleFile("spec.monitoring.uptime.configPath", UptimeSpec.effectivePath(uptime)));
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitoringSpec other
        && Objects.equals(role, other.role)
        && Objects.equals(scrape, other.scrape)
        && Objects.equals(dashboards, other.dashboards)
        && Objects.equals(uptime, other.uptime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, scrape, dashboards, uptime);
  }
}
