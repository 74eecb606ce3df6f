package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.env;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.secretEnv;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.stackpilot.api.SecurityProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each layer over the one before: stack base, category defaults, service spec, channel overrides.
 */
class LayeringPrecedenceTest {

  @Test
  void envMergesByNameWithTheHighestLayerWinningAndNamesInFirstAppearanceOrder() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d ->
                          d.setEnv(
                              List.of(env("TZ", "UTC"), env("LOG", "info"), env("A", "base")))));
              s.setMedia(
                  defaults(d -> d.setEnv(List.of(env("TZ", "Europe/Paris"), env("B", "media")))));
            });
    var service =
        mediaService(
            spec -> {
              spec.setEnv(List.of(env("C", "service"), env("TZ", "Europe/Berlin")));
              spec.getChannels().getStable().setEnv(List.of(env("LOG", "debug")));
            });

    EffectiveService effective = layer(service, stack);

    assertThat(effective.env())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .containsExactly(
            tuple("TZ", "Europe/Berlin"),
            tuple("LOG", "debug"),
            tuple("A", "base"),
            tuple("B", "media"),
            tuple("C", "service"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("env.TZ", Layer.SERVICE),
            entry("env.LOG", Layer.CHANNEL),
            entry("env.A", Layer.STACK_BASE),
            entry("env.B", Layer.STACK_CATEGORY),
            entry("env.C", Layer.SERVICE));
  }

  @Test
  void aHigherLayerReplacesTheWholeVariableNotJustItsValue() {
    var stack =
        stack(
            s ->
                s.setBase(defaults(d -> d.setEnv(List.of(secretEnv("API_KEY", "shared", "key"))))));
    var service = mediaService(spec -> spec.setEnv(List.of(env("API_KEY", "from-service"))));

    EnvVar apiKey = layer(service, stack).env().get(0);

    assertThat(apiKey.getValue()).isEqualTo("from-service");
    assertThat(apiKey.getValueFrom()).isNull();
  }

  @Test
  void configMergesByKeyWithTheHighestLayerWinningSortedByKey() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d -> d.setConfig(Map.of("Z_BASE", "1", "LEVEL", "base", "COLOR", "base"))));
              s.setMedia(defaults(d -> d.setConfig(Map.of("LEVEL", "media", "M_MEDIA", "2"))));
            });
    var service =
        mediaService(
            spec -> {
              spec.setConfig(Map.of("COLOR", "service", "B_SERVICE", "3"));
              spec.getChannels().getStable().setConfig(Map.of("LEVEL", "stable-channel"));
            });

    EffectiveService effective = layer(service, stack);

    assertThat(effective.config())
        .containsExactly(
            entry("B_SERVICE", "3"),
            entry("COLOR", "service"),
            entry("LEVEL", "stable-channel"),
            entry("M_MEDIA", "2"),
            entry("Z_BASE", "1"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("config.B_SERVICE", Layer.SERVICE),
            entry("config.COLOR", Layer.SERVICE),
            entry("config.LEVEL", Layer.CHANNEL),
            entry("config.M_MEDIA", Layer.STACK_CATEGORY),
            entry("config.Z_BASE", Layer.STACK_BASE));
  }

  @Test
  void securityProfileIsStartsAsRootForMediaAndRestrictedForTheOthersUnlessALayerSaysOtherwise() {
    EffectiveService media = layerAlone(mediaService(spec -> {}));
    EffectiveService security = layerAlone(Fixtures.securityService(spec -> {}));
    EffectiveService monitoring = layerAlone(Fixtures.monitoringService(spec -> {}));

    assertThat(media.securityProfile())
        .as("linuxserver.io and hotio images start as root and drop to PUID/PGID")
        .isEqualTo(SecurityProfile.STARTS_AS_ROOT);
    assertThat(security.securityProfile()).isEqualTo(SecurityProfile.RESTRICTED);
    assertThat(monitoring.securityProfile()).isEqualTo(SecurityProfile.RESTRICTED);
    assertThat(media.provenance().of("securityProfile")).contains(Layer.BUILT_IN);
  }

  @Test
  void securityProfileOfTheStackBaseOverridesTheBuiltInOne() {
    var stack =
        stack(s -> s.setBase(defaults(d -> d.setSecurityProfile(SecurityProfile.BASELINE))));

    EffectiveService effective = layer(mediaService(spec -> {}), stack);

    assertThat(effective.securityProfile()).isEqualTo(SecurityProfile.BASELINE);
    assertThat(effective.provenance().of("securityProfile")).contains(Layer.STACK_BASE);
  }

  @Test
  void securityProfileOfTheCategoryOverridesTheBase() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setSecurityProfile(SecurityProfile.BASELINE)));
              s.setMedia(defaults(d -> d.setSecurityProfile(SecurityProfile.PRIVILEGED)));
            });

    EffectiveService effective = layer(mediaService(spec -> {}), stack);

    assertThat(effective.securityProfile()).isEqualTo(SecurityProfile.PRIVILEGED);
    assertThat(effective.provenance().of("securityProfile")).contains(Layer.STACK_CATEGORY);
  }

  @Test
  void securityProfileOfTheServiceOverridesTheStack() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setSecurityProfile(SecurityProfile.PRIVILEGED)));
              s.setMedia(defaults(d -> d.setSecurityProfile(SecurityProfile.PRIVILEGED)));
            });
    var service = mediaService(spec -> spec.setSecurityProfile(SecurityProfile.BASELINE));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.securityProfile()).isEqualTo(SecurityProfile.BASELINE);
    assertThat(effective.provenance().of("securityProfile")).contains(Layer.SERVICE);
  }

  @Test
  void replicasAreOneUnlessTheServiceSaysOtherwise() {
    EffectiveService byDefault = layerAlone(mediaService(spec -> {}));
    EffectiveService chosen = layerAlone(mediaService(spec -> spec.setReplicas(3)));

    assertThat(byDefault.replicas()).isEqualTo(1);
    assertThat(byDefault.provenance().of("replicas")).contains(Layer.BUILT_IN);
    assertThat(chosen.replicas()).isEqualTo(3);
    assertThat(chosen.provenance().of("replicas")).contains(Layer.SERVICE);
  }

  @Test
  void zeroReplicasIsAChoiceNotAnAbsence() {
    EffectiveService effective = layerAlone(mediaService(spec -> spec.setReplicas(0)));

    assertThat(effective.replicas()).isZero();
    assertThat(effective.provenance().of("replicas")).contains(Layer.SERVICE);
  }

  @Test
  void nodeSelectorMergesByKey() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setNodeSelector(Map.of("disk", "hdd", "zone", "a"))));
              s.setMedia(defaults(d -> d.setNodeSelector(Map.of("disk", "ssd"))));
            });
    var service = mediaService(spec -> spec.setNodeSelector(Map.of("zone", "b", "arch", "amd64")));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.nodeSelector())
        .containsExactly(entry("arch", "amd64"), entry("disk", "ssd"), entry("zone", "b"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("nodeSelector.arch", Layer.SERVICE),
            entry("nodeSelector.disk", Layer.STACK_CATEGORY),
            entry("nodeSelector.zone", Layer.SERVICE));
  }

  @Test
  void podAnnotationsMergeByKey() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d -> d.setPodAnnotations(Map.of("backup/enabled", "true", "team", "base"))));
              s.setMedia(defaults(d -> d.setPodAnnotations(Map.of("team", "media"))));
            });
    var service = mediaService(spec -> spec.setPodAnnotations(Map.of("backup/enabled", "false")));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.podAnnotations())
        .containsExactly(entry("backup/enabled", "false"), entry("team", "media"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("podAnnotations.backup/enabled", Layer.SERVICE),
            entry("podAnnotations.team", Layer.STACK_CATEGORY));
  }

  @Test
  void podLabelsMergeByKeyFromTheStack() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setPodLabels(Map.of("tier", "apps", "owner", "ops"))));
              s.setMedia(defaults(d -> d.setPodLabels(Map.of("tier", "media"))));
            });

    EffectiveService effective = layer(mediaService(spec -> {}), stack);

    assertThat(effective.podLabels())
        .containsExactly(entry("owner", "ops"), entry("tier", "media"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("podLabels.owner", Layer.STACK_BASE),
            entry("podLabels.tier", Layer.STACK_CATEGORY));
  }
}
