package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.inNamespace;
import static io.stackpilot.wiring.Services.labelled;
import static io.stackpilot.wiring.Services.matchLabels;
import static io.stackpilot.wiring.Services.port;
import static io.stackpilot.wiring.Services.scraper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.ScrapeSpec;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeConfigTest {

  private static final Map<String, String> SCRAPED = Map.of("metrics", "yes");

  private final MonitoringService prometheus = scraper("prometheus", matchLabels(SCRAPED));

  @Test
  void aSelectedServiceWithAMetricsPortBecomesAJob() {
    MediaService sonarr =
        scraped(
            Services.media(
                "sonarr",
                spec -> {
                  spec.setStack("home");
                  spec.setPorts(List.of(port("http", 8989), port("metrics", 9707)));
                }));

    assertThat(ScrapeConfig.render(prometheus, List.of(sonarr), "apps"))
        .isEqualTo(
            """
        scrape_configs:
        - job_name: "MediaService/sonarr"
          scrape_interval: "30s"
          static_configs:
          - targets:
            - "sonarr.apps.svc.cluster.local:9707"
            labels:
              service: "sonarr"
              kind: "MediaService"
              stack: "home"
        """);
  }

  @Test
  void theIntervalComesFromTheScrapeSettings() {
    prometheus.getSpec().getMonitoring().getScrape().setInterval("1m30s");

    assertThat(jobs(ScrapeConfig.render(prometheus, List.of(metricsService("sonarr")), "apps")))
        .singleElement()
        .satisfies(job -> assertThat(job).containsEntry("scrape_interval", "1m30s"));
  }

  @Test
  void servicesWithoutAMetricsPortAreSkipped() {
    MediaService jellyfin =
        scraped(Services.media("jellyfin", spec -> spec.setPorts(List.of(port("http", 8096)))));
    MediaService noPorts = scraped(Services.media("worker", spec -> {}));

    assertThat(
            jobNames(
                ScrapeConfig.render(
                    prometheus, List.of(jellyfin, noPorts, metricsService("sonarr")), "apps")))
        .containsExactly("MediaService/sonarr");
  }

  @Test
  void servicesTheSelectorMissesAreSkipped() {
    MediaService unlabelled =
        Services.media("radarr", spec -> spec.setPorts(List.of(port("metrics", 9708))));

    assertThat(
            jobNames(
                ScrapeConfig.render(
                    prometheus, List.of(unlabelled, metricsService("sonarr")), "apps")))
        .containsExactly("MediaService/sonarr");
  }

  @Test
  void servicesOfOtherNamespacesAreSkipped() {
    MediaService elsewhere = inNamespace(metricsService("radarr"), "other");

    assertThat(
            jobNames(
                ScrapeConfig.render(
                    prometheus, List.of(elsewhere, metricsService("sonarr")), "apps")))
        .containsExactly("MediaService/sonarr");
  }

  @Test
  void nothingSelectedIsAnEmptyList() {
    assertThat(ScrapeConfig.render(prometheus, List.of(), "apps"))
        .isEqualTo("scrape_configs: []\n");
  }

  @Test
  void aServiceThatIsNotAMetricsServiceScrapesNothing() {
    MonitoringService grafana =
        Services.monitoring(
            "grafana",
            MonitoringRole.DASHBOARDS,
            spec -> {
              ScrapeSpec scrape = new ScrapeSpec();
              scrape.setSelector(matchLabels(SCRAPED));
              spec.getMonitoring().setScrape(scrape);
            });
    MonitoringService withoutScrape =
        Services.monitoring("idle", MonitoringRole.METRICS, spec -> {});

    assertThat(jobs(ScrapeConfig.render(grafana, List.of(metricsService("sonarr")), "apps")))
        .isEmpty();
    assertThat(jobs(ScrapeConfig.render(withoutScrape, List.of(metricsService("sonarr")), "apps")))
        .isEmpty();
  }

  @Test
  void jobsAreSortedByServiceNameWhateverTheInputOrder() {
    List<StackService> candidates =
        new ArrayList<>(
            List.of(
                metricsService("sonarr"),
                scraped(
                    Services.security(
                        "authelia",
                        SecurityProvider.AUTHELIA,
                        spec -> spec.setPorts(List.of(port("metrics", 9959))))),
                metricsService("radarr")));
    String rendered = ScrapeConfig.render(prometheus, candidates, "apps");
    Collections.reverse(candidates);

    assertThat(jobNames(rendered))
        .containsExactly("SecurityService/authelia", "MediaService/radarr", "MediaService/sonarr");
    assertThat(ScrapeConfig.render(prometheus, candidates, "apps")).isEqualTo(rendered);
  }

  @Test
  void servicesOfTwoKindsWithOneNameGetDistinctJobs() {
    MonitoringService namesake =
        scraped(
            Services.monitoring(
                "sonarr",
                MonitoringRole.UPTIME,
                spec -> spec.setPorts(List.of(port("metrics", 3001)))));

    assertThat(
            jobNames(
                ScrapeConfig.render(
                    prometheus, List.of(namesake, metricsService("sonarr")), "apps")))
        .containsExactly("MediaService/sonarr", "MonitoringService/sonarr");
  }

  @Test
  void aMetricsServiceMayScrapeItself() {
    MonitoringService selfScraping = scraped(scraper("prometheus", matchLabels(SCRAPED)));
    selfScraping.getSpec().setPorts(List.of(port("metrics", 9090)));

    assertThat(jobNames(ScrapeConfig.render(selfScraping, List.of(selfScraping), "apps")))
        .containsExactly("MonitoringService/prometheus");
  }

  @Test
  void aServiceOutsideAStackHasNoStackLabel() {
    assertThat(jobs(ScrapeConfig.render(prometheus, List.of(metricsService("sonarr")), "apps")))
        .singleElement()
        .satisfies(
            job ->
                assertThat(staticConfig(job).get("labels"))
                    .isEqualTo(Map.of("service", "sonarr", "kind", "MediaService")));
  }

  @Test
  void valuesFromSpecsAreQuotedSoTheyCannotBreakTheYaml() {
    MediaService sonarr = metricsService("sonarr");
    sonarr.getSpec().setStack("home\nhonk: true # {a: [b]}");

    String rendered = ScrapeConfig.render(prometheus, List.of(sonarr), "apps");

    assertThat(jobs(rendered))
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job).containsOnlyKeys("job_name", "scrape_interval", "static_configs");
              assertThat(staticConfig(job).get("labels"))
                  .isEqualTo(
                      Map.of(
                          "service",
                          "sonarr",
                          "kind",
                          "MediaService",
                          "stack",
                          "home\nhonk: true # {a: [b]}"));
            });
  }

  private static MediaService metricsService(String name) {
    return scraped(
        Services.media(
            name, spec -> spec.setPorts(List.of(port("http", 8080), port("metrics", 9100)))));
  }

  private static <T extends StackService> T scraped(T service) {
    return labelled(service, SCRAPED);
  }

  private static List<Map<String, Object>> jobs(String yaml) {
    try {
      Map<String, List<Map<String, Object>>> parsed =
          new YAMLMapper().readValue(yaml, new TypeReference<>() {});
      assertThat(parsed).containsOnlyKeys("scrape_configs");
      return parsed.get("scrape_configs");
    } catch (Exception e) {
      throw new AssertionError("not YAML: " + yaml, e);
    }
  }

  private static List<String> jobNames(String yaml) {
    return jobs(yaml).stream().map(job -> (String) job.get("job_name")).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> staticConfig(Map<String, Object> job) {
    return ((List<Map<String, Object>>) job.get("static_configs")).get(0);
  }
}
