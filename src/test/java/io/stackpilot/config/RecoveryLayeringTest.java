package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.recovery;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.RollbackPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Recovery settings merge field by field over the built-in ones. */
class RecoveryLayeringTest {

  @Test
  void withoutRecoverySettingsTheBuiltInOnesApply() {
    EffectiveService effective = layerAlone(mediaService(spec -> {}));

    assertThat(effective.recovery())
        .isEqualTo(
            new RecoverySettings(
                RollbackPolicy.AUTOMATIC,
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                3,
                Duration.ofMinutes(30)));
    assertThat(effective.provenance().layers())
        .contains(
            entry("recovery.rollback", Layer.BUILT_IN),
            entry("recovery.failureWindow", Layer.BUILT_IN),
            entry("recovery.progressDeadline", Layer.BUILT_IN),
            entry("recovery.maxRestarts", Layer.BUILT_IN),
            entry("recovery.restartWindow", Layer.BUILT_IN));
  }

  @Test
  void eachFieldComesFromTheHighestLayerThatSetsIt() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d ->
                          d.setRecovery(
                              recovery(
                                  r -> {
                                    r.setFailureWindow("5m");
                                    r.setMaxRestarts(5);
                                    r.setRestartWindow("2h");
                                  }))));
              s.setMedia(defaults(d -> d.setRecovery(recovery(r -> r.setRestartWindow("1h")))));
            });
    var service =
        mediaService(
            spec ->
                spec.setRecovery(
                    recovery(
                        r -> {
                          r.setRollback(RollbackPolicy.MANUAL);
                          r.setMaxRestarts(1);
                        })));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.recovery())
        .isEqualTo(
            new RecoverySettings(
                RollbackPolicy.MANUAL,
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                1,
                Duration.ofHours(1)));
    assertThat(effective.provenance().layers())
        .contains(
            entry("recovery.rollback", Layer.SERVICE),
            entry("recovery.failureWindow", Layer.STACK_BASE),
            entry("recovery.progressDeadline", Layer.BUILT_IN),
            entry("recovery.maxRestarts", Layer.SERVICE),
            entry("recovery.restartWindow", Layer.STACK_CATEGORY));
  }

  @Test
  void zeroRestartsIsAChoiceNotAnAbsence() {
    var service = mediaService(spec -> spec.setRecovery(recovery(r -> r.setMaxRestarts(0))));

    assertThat(layerAlone(service).recovery().maxRestarts()).isZero();
  }

  @Test
  void aServiceProgressDeadlineOverridesTheStacks() {
    var stack =
        stack(
            s ->
                s.setBase(
                    defaults(d -> d.setRecovery(recovery(r -> r.setProgressDeadline("10m"))))));
    var service =
        mediaService(spec -> spec.setRecovery(recovery(r -> r.setProgressDeadline("90s"))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.recovery().progressDeadline()).isEqualTo(Duration.ofSeconds(90));
    assertThat(effective.provenance().of("recovery.progressDeadline")).contains(Layer.SERVICE);
  }

  @Test
  void aBadDurationInTheStackNamesTheStackAndTheField() {
    var stack =
        stack(
            s ->
                s.setMedia(
                    defaults(d -> d.setRecovery(recovery(r -> r.setFailureWindow("soon"))))));

    assertThatThrownBy(() -> layer(mediaService(spec -> {}), stack))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "ServiceStack home: spec.media.recovery.failureWindow: 'soon' is not a duration");
  }

  @Test
  void aBadDurationInTheServiceNamesTheServiceAndTheField() {
    var service = mediaService(spec -> spec.setRecovery(recovery(r -> r.setRestartWindow("1d"))));

    assertThatThrownBy(() -> layerAlone(service))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "MediaService sonarr: spec.recovery.restartWindow: '1d' is not a duration");
  }
}
