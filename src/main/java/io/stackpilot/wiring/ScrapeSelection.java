package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.ScrapeSpec;
import io.stackpilot.api.StackService;
import java.util.Optional;

/**
 * Which services a metrics service scrapes: those in its namespace whose labels its
 * spec.monitoring.scrape.selector matches. Only a service with role Metrics scrapes; the others
 * show or probe and never collect.
 */
public final class ScrapeSelection {

  private ScrapeSelection() {}

  public static boolean selects(MonitoringService scraper, StackService candidate) {
    Optional<MonitoringSpec> monitoring =
        Optional.ofNullable(scraper.getSpec()).map(MonitoringServiceSpec::getMonitoring);
    LabelSelector selector =
        monitoring
            .filter(spec -> spec.getRole() == MonitoringRole.METRICS)
            .map(MonitoringSpec::getScrape)
            .map(ScrapeSpec::getSelector)
            .orElse(null);
    return SameNamespace.as(scraper, candidate)
        && LabelSelectorMatcher.matches(selector, candidate.getMetadata().getLabels());
  }
}
