package io.stackpilot.wiring;

import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.UptimeSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint list of an uptime service, in Gatus' configuration format: one endpoint per exposed
 * service of its stack (of its namespace, when it names no stack), probed at the URL users open.
 *
 * <p>Any answer below 500 counts as up: a protected app answers an anonymous probe with a redirect
 * to sign in, or 401, and is running all the same. The format is a plain YAML list of name, group
 * and URL, so another uptime tool can read it as well.
 */
public final class UptimeConfig {

  private static final Comparator<StackService> BY_NAME_AND_KIND =
      Comparator.<StackService, String>comparing(service -> service.getMetadata().getName())
          .thenComparing(service -> service.serviceKind().value());

  private UptimeConfig() {}

  /**
   * @param candidates services of the namespace; the exposed ones of the stack are listed
   */
  public static String render(MonitoringService uptime, List<? extends StackService> candidates) {
    String interval =
        UptimeSpec.effectiveInterval(
            Optional.ofNullable(uptime.getSpec())
                .map(MonitoringServiceSpec::getMonitoring)
                .map(MonitoringSpec::getUptime)
                .orElse(null));
    String group =
        Optional.ofNullable(uptime.serviceSpec().getStack())
            .orElse(uptime.getMetadata().getNamespace());
    List<Map<String, Object>> endpoints =
        candidates.stream()
            .filter(candidate -> SameStack.as(uptime, candidate))
            .filter(candidate -> exposedHost(candidate).isPresent())
            .sorted(BY_NAME_AND_KIND)
            .map(candidate -> endpoint(candidate, group, interval))
            .toList();
    return ConfigYaml.write(Map.of("endpoints", endpoints));
  }

  private static Map<String, Object> endpoint(StackService service, String group, String interval) {
    ExposeSpec expose = service.serviceSpec().getExpose();
    String scheme = expose.getTls() == null ? "http" : "https";
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("name", service.getMetadata().getName());
    endpoint.put("group", group);
    endpoint.put("url", scheme + "://" + expose.getHost() + "/");
    endpoint.put("interval", interval);
    endpoint.put("conditions", List.of("[STATUS] < 500"));
    return endpoint;
  }

  private static Optional<String> exposedHost(StackService service) {
    return Optional.ofNullable(service.serviceSpec())
        .map(spec -> spec.getExpose())
        .map(ExposeSpec::getHost)
        .filter(host -> !host.isBlank());
  }
}
