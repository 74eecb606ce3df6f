package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.health;
import static io.stackpilot.config.Fixtures.http;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.stack;
import static io.stackpilot.config.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.LivenessCheck;
import io.stackpilot.api.StartupCheck;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Health settings merge field by field; the check (http or tcp) is one field. */
class HealthLayeringTest {

  @Test
  void withoutHealthSettingsTheBuiltInTimingsApplyAndThereIsNoCheck() {
    EffectiveService effective = layerAlone(mediaService(spec -> {}));

    assertThat(effective.health())
        .isEqualTo(HealthSettings.of(Optional.empty(), Optional.empty(), 10, 10, 3));
    assertThat(effective.health().hasCheck()).isFalse();
    assertThat(effective.provenance().layers())
        .contains(
            entry("health.initialDelaySeconds", Layer.BUILT_IN),
            entry("health.periodSeconds", Layer.BUILT_IN),
            entry("health.failureThreshold", Layer.BUILT_IN))
        .doesNotContainKeys("health.httpPath", "health.portName");
  }

  @Test
  void aStackGivesEveryMemberItsStartupBudgetAndAServiceTurnsLivenessOff() {
    var stack =
        stack(
            s ->
                s.setMedia(
                    defaults(
                        d ->
                            d.setHealth(
                                health(
                                    h -> {
                                      StartupCheck startup = new StartupCheck();
                                      startup.setTimeout("3h");
                                      h.setStartup(startup);
                                      h.setFailureThreshold(4);
                                    })))));
    var service =
        mediaService(
            spec ->
                spec.setHealth(
                    health(
                        h -> {
                          LivenessCheck liveness = new LivenessCheck();
                          liveness.setEnabled(false);
                          h.setLiveness(liveness);
                        })));

    HealthSettings health = layer(service, stack).health();

    assertThat(health.startupTimeout()).isEqualTo(Duration.ofHours(3));
    assertThat(health.startupPeriodSeconds()).isEqualTo(10);
    assertThat(health.livenessEnabled()).isFalse();
    assertThat(health.livenessFailureThreshold())
        .as("twice the readiness threshold the stack set")
        .isEqualTo(8);
    assertThat(layer(service, stack).provenance().layers())
        .contains(
            entry("health.startup.timeout", Layer.STACK_CATEGORY),
            entry("health.startup.periodSeconds", Layer.BUILT_IN),
            entry("health.liveness.enabled", Layer.SERVICE),
            entry("health.liveness.failureThreshold", Layer.STACK_CATEGORY));
  }

  @Test
  void eachTimingComesFromTheHighestLayerThatSetsIt() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d ->
                          d.setHealth(
                              health(
                                  h -> {
                                    h.setInitialDelaySeconds(30);
                                    h.setPeriodSeconds(20);
                                  }))));
              s.setMedia(defaults(d -> d.setHealth(health(h -> h.setPeriodSeconds(15)))));
            });
    var service = mediaService(spec -> spec.setHealth(health(h -> h.setFailureThreshold(6))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.health())
        .isEqualTo(HealthSettings.of(Optional.empty(), Optional.empty(), 30, 15, 6));
    assertThat(effective.provenance().layers())
        .contains(
            entry("health.initialDelaySeconds", Layer.STACK_BASE),
            entry("health.periodSeconds", Layer.STACK_CATEGORY),
            entry("health.failureThreshold", Layer.SERVICE));
  }

  @Test
  void anHttpCheckOfTheServiceGivesPathAndPort() {
    var service =
        mediaService(spec -> spec.setHealth(health(h -> h.setHttp(http("/ping", "http")))));

    EffectiveService effective = layerAlone(service);

    assertThat(effective.health().httpPath()).contains("/ping");
    assertThat(effective.health().portName()).contains("http");
    assertThat(effective.provenance().layers())
        .contains(entry("health.httpPath", Layer.SERVICE), entry("health.portName", Layer.SERVICE));
  }

  @Test
  void aStackCheckAppliesToAServiceWithoutOne() {
    var stack =
        stack(
            s ->
                s.setBase(
                    defaults(d -> d.setHealth(health(h -> h.setHttp(http("/healthz", "http")))))));

    EffectiveService effective = layer(mediaService(spec -> {}), stack);

    assertThat(effective.health().httpPath()).contains("/healthz");
    assertThat(effective.health().portName()).contains("http");
    assertThat(effective.provenance().layers())
        .contains(
            entry("health.httpPath", Layer.STACK_BASE), entry("health.portName", Layer.STACK_BASE));
  }

  @Test
  void aTcpCheckOfTheServiceReplacesAStackHttpCheckWhole() {
    var stack =
        stack(
            s ->
                s.setBase(
                    defaults(d -> d.setHealth(health(h -> h.setHttp(http("/healthz", "http")))))));
    var service = mediaService(spec -> spec.setHealth(health(h -> h.setTcp(tcp("api")))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.health().httpPath()).isEmpty();
    assertThat(effective.health().portName()).contains("api");
    assertThat(effective.provenance().layers())
        .containsEntry("health.portName", Layer.SERVICE)
        .doesNotContainKey("health.httpPath");
  }

  @Test
  void timingsAloneDoNotRemoveACheckFromBelow() {
    var stack =
        stack(s -> s.setBase(defaults(d -> d.setHealth(health(h -> h.setTcp(tcp("http")))))));
    var service = mediaService(spec -> spec.setHealth(health(h -> h.setInitialDelaySeconds(60))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.health().portName()).contains("http");
    assertThat(effective.health().initialDelaySeconds()).isEqualTo(60);
  }
}
