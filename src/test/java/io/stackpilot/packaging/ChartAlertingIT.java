package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackpilot.testing.CommandLine;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's PrometheusRule and Grafana dashboard, checked by Prometheus' own promtool (from
 * Debian's package, beside the test images): the rules parse, and fire on the series the operator
 * exposes exactly when they should; every dashboard query parses.
 */
@WithLocalCluster
class ChartAlertingIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void theRulesFireOnTheOperatorsSeriesExactlyWhenTheyShould(TestCluster cluster)
      throws IOException {
    JsonNode rule = rendered(cluster, "PrometheusRule");
    Path rules = work.resolve("rules.yaml");
    YAML.writeValue(rules.toFile(), rule.path("spec"));
    promtool(cluster, "check", "rules", rules.toString()).assertSuccess();

    Path tests = work.resolve("rules-test.yaml");
    Files.writeString(
        tests,
        RULE_TESTS.formatted(
            rules.getFileName(), rule.path("metadata").path("namespace").asText()));
    CommandResult run = promtool(cluster, "test", "rules", tests.toString());
    System.out.println("[figure] promtool test rules: " + run.stdout().strip());
    assertThat(run.exitCode()).as(run.describe()).isZero();
  }

  @Test
  void thePrometheusOperatorsOwnSchemaTakesTheRule(TestCluster cluster) throws IOException {
    Path crd =
        cluster
            .controlPlane()
            .binaries()
            .path("prometheus-operator-crds")
            .resolve("monitoring.coreos.com_prometheusrules.yaml");
    try {
      cluster.kubectl("apply", "--server-side", "-f", crd.toString()).assertSuccess();
      cluster
          .kubectl(
              "wait", "--for=condition=Established", "crd/prometheusrules.monitoring.coreos.com")
          .assertSuccess();
      String rule = YAML.writeValueAsString(rendered(cluster, "PrometheusRule"));
      CommandResult dryRun = cluster.kubectlWithInput(rule, "apply", "--dry-run=server", "-f", "-");
      assertThat(dryRun.exitCode()).as(dryRun.describe()).isZero();
    } finally {
      cluster
          .kubectl("delete", "crd", "prometheusrules.monitoring.coreos.com", "--ignore-not-found")
          .assertSuccess();
    }
  }

  @Test
  void everyDashboardQueryParses(TestCluster cluster) throws IOException {
    JsonNode configMap = rendered(cluster, "ConfigMap", "stackpilot-dashboard");
    assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    JsonNode dashboard = JSON.readTree(configMap.path("data").path("stackpilot.json").asText());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as("panel %s", panel.path("title")).isNotEmpty();
      panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(9).allMatch(q -> q.contains("stackpilot_"));

    // Each query as a recording rule, so promtool parses it; Grafana's variable made a regex.
    List<Map<String, String>> recorded = new ArrayList<>();
    for (int i = 0; i < queries.size(); i++) {
      recorded.add(
          Map.of(
              "record", "dashboard:query" + i, "expr", queries.get(i).replace("$namespace", ".*")));
    }
    Path asRules = work.resolve("dashboard-queries.yaml");
    YAML.writeValue(
        asRules.toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboard", "rules", recorded))));
    promtool(cluster, "check", "rules", asRules.toString()).assertSuccess();
  }

  private static JsonNode rendered(TestCluster cluster, String kind, String... name)
      throws IOException {
    String yaml =
        cluster
            .helm(
                "template",
                "stackpilot",
                "helm/stackpilot",
                "--set",
                "prometheusRule.enabled=true",
                "--set",
                "dashboard.enabled=true")
            .assertSuccess()
            .stdout();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      return StreamSupport.stream(
              YAML.readValues(parser, JsonNode.class).readAll().spliterator(), false)
          .filter(d -> d != null && kind.equals(d.path("kind").asText()))
          .filter(d -> name.length == 0 || name[0].equals(d.path("metadata").path("name").asText()))
          .findFirst()
          .orElseThrow(() -> new AssertionError("helm template rendered no " + kind));
    }
  }

  private static CommandResult promtool(TestCluster cluster, String... args) {
    Path promtool =
        cluster
            .controlPlane()
            .binaries()
            .directory()
            .getParent()
            .getParent()
            .resolve("images/promtool");
    if (!Files.isExecutable(promtool)) {
      throw new UncheckedIOException(
          new IOException(promtool + " is missing: make test-images unpacks it"));
    }
    return new CommandLine(promtool, Map.of(), Duration.ofSeconds(60)).run(args);
  }

  /**
   * Series in the form the operator exposes them (a service's counters exist at 0 from the first
   * time it is seen; an alert outcome's counter appears at its first count), one sample a minute,
   * and what must and must not fire.
   */
  private static final String RULE_TESTS =
      """
      rule_files: [%1$s]
      evaluation_interval: 1m
      tests:
        - interval: 1m
          input_series:
            # sonarr unhealthy from minute 5 on; radarr unhealthy for 10 minutes only.
            - series: 'stackpilot_service_health{namespace="home",kind="MediaService",service="sonarr"}'
              values: '1x4 0x40'
            - series: 'stackpilot_service_health{namespace="home",kind="MediaService",service="radarr"}'
              values: '1x4 0x9 1x30'
            # sonarr rolled back once at minute 10: its first rollback.
            - series: 'stackpilot_rollbacks_total{namespace="home",kind="MediaService",service="sonarr"}'
              values: '0x9 1x35'
            - series: 'stackpilot_rollbacks_total{namespace="home",kind="MediaService",service="radarr"}'
              values: '0x45'
            # bazarr restarted three times within the hour (at 5, 10 and 15 minutes), prowlarr twice.
            - series: 'stackpilot_restarts_total{namespace="home",kind="MediaService",service="bazarr"}'
              values: '0x4 1x4 2x4 3x30'
            - series: 'stackpilot_restarts_total{namespace="home",kind="MediaService",service="prowlarr"}'
              values: '0x4 1x4 2x34'
            # A webhook's first failure at minute 20: the counter appears then, at 1.
            - series: 'stackpilot_alerts_total{event="rollback",webhook="home-slack",outcome="failed"}'
              values: '_x19 1x25'
            - series: 'stackpilot_alerts_total{event="rollback",webhook="home-ntfy",outcome="sent"}'
              values: '0x9 1x35'
            # The operator answers for 20 minutes, then its target is gone.
            - series: 'up{job="stackpilot",namespace="%2$s"}'
              values: '1x20'
          alert_rule_test:
            - eval_time: 19m
              alertname: StackpilotServiceUnhealthy
              exp_alerts: []
            - eval_time: 21m
              alertname: StackpilotServiceUnhealthy
              exp_alerts:
                - exp_labels: {severity: warning, namespace: home, kind: MediaService, service: sonarr}
                  exp_annotations:
                    summary: MediaService home/sonarr is unhealthy and Stackpilot could not heal it
                    description: 'Its status says why and what to do: kubectl stackpilot status sonarr -n home'
            - eval_time: 12m
              alertname: StackpilotServiceRolledBack
              exp_alerts:
                - exp_labels: {severity: warning, namespace: home, kind: MediaService, service: sonarr}
                  exp_annotations:
                    summary: MediaService home/sonarr was rolled back to its last healthy revision
                    description: 'The new revision failed and is quarantined until its spec changes or it is retried: kubectl stackpilot history sonarr -n home'
            - eval_time: 16m
              alertname: StackpilotServiceRestarting
              exp_alerts:
                - exp_labels: {severity: warning, namespace: home, kind: MediaService, service: bazarr}
                  exp_annotations:
                    summary: MediaService home/bazarr was restarted 3 times in an hour
                    description: A healthy revision keeps failing; its restart budget will stop further restarts.
            - eval_time: 22m
              alertname: StackpilotAlertsUndelivered
              exp_alerts:
                - exp_labels: {severity: warning, event: rollback, webhook: home-slack, outcome: failed}
                  exp_annotations:
                    summary: Stackpilot could not deliver alerts to home-slack
                    description: The webhook refused or did not answer; the operator's log names the status.
            - eval_time: 19m
              alertname: StackpilotOperatorDown
              exp_alerts: []
            - eval_time: 32m
              alertname: StackpilotOperatorDown
              exp_alerts:
                - exp_labels: {severity: warning}
                  exp_annotations:
                    summary: No Stackpilot operator of %2$s/stackpilot answers its metrics
                    description: While it is down, nothing is restarted or rolled back; running services keep running.
      """;
}
