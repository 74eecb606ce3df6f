package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.expose;
import static io.stackpilot.wiring.Services.inNamespace;
import static io.stackpilot.wiring.Services.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.TlsSpec;
import io.stackpilot.api.UptimeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An uptime service probes the exposed services of its stack at the URLs users open. */
class UptimeConfigTest {

  private final MonitoringService gatus =
      Services.monitoring("gatus", MonitoringRole.UPTIME, spec -> spec.setStack("home"));

  @Test
  void eachExposedServiceOfTheStackIsAnEndpointHttpsWhereItHasTls() {
    MediaService sonarr = exposed("sonarr", "home", "sonarr.home.example", true);
    MediaService radarr = exposed("radarr", "home", "radarr.home.example", false);

    assertThat(UptimeConfig.render(gatus, List.of(sonarr, radarr, gatus)))
        .isEqualTo(
            """
            endpoints:
            - name: "radarr"
              group: "home"
              url: "http://radarr.home.example/"
              interval: "60s"
              conditions:
              - "[STATUS] < 500"
            - name: "sonarr"
              group: "home"
              url: "https://sonarr.home.example/"
              interval: "60s"
              conditions:
              - "[STATUS] < 500"
            """);
  }

  @Test
  void unexposedOtherStacksAndOtherNamespacesAreLeftOutAndTheIntervalIsSettable() {
    UptimeSpec uptime = new UptimeSpec();
    uptime.setInterval("5m");
    gatus.getSpec().getMonitoring().setUptime(uptime);
    MediaService internal =
        Services.media(
            "prowlarr",
            spec -> {
              spec.setStack("home");
              spec.setPorts(List.of(port("http", 9696)));
            });
    MediaService lab = exposed("lab", "lab", "lab.home.example", false);
    MediaService away = inNamespace(exposed("away", "home", "away.home.example", false), "other");
    MediaService jellyfin = exposed("jellyfin", "home", "tv.home.example", false);

    String rendered = UptimeConfig.render(gatus, List.of(internal, lab, away, jellyfin));

    assertThat(rendered).contains("name: \"jellyfin\"").contains("interval: \"5m\"");
    assertThat(rendered).doesNotContain("prowlarr").doesNotContain("lab").doesNotContain("away");
  }

  private static MediaService exposed(String name, String stack, String host, boolean tls) {
    return Services.media(
        name,
        spec -> {
          spec.setStack(stack);
          spec.setPorts(List.of(port("http", 8080)));
          spec.setExpose(expose(host, "nginx"));
          if (tls) {
            TlsSpec secret = new TlsSpec();
            secret.setSecretName(name + "-tls");
            spec.getExpose().setTls(secret);
          }
        });
  }
}
