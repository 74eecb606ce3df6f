package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.serviceThatSetsEverything;
import static io.stackpilot.config.Fixtures.stackThatSetsEverything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.Channel;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Provenance is what `stackpilot render` prints beside each value: one entry per effective value.
 */
class ProvenanceTest {

  private static final Overlays BOTH_OVERLAYS = new Overlays(Optional.of("authelia"), true);

  private static EffectiveService everythingOnBeta() {
    return Layering.layer(
        serviceThatSetsEverything(),
        Optional.of(stackThatSetsEverything()),
        Channel.BETA,
        BOTH_OVERLAYS);
  }

  @Test
  void everyLayerIsNamedWhenEveryLayerSetsSomething() {
    assertThat(everythingOnBeta().provenance().layers().values())
        .containsAll(List.of(Layer.values()));
  }

  @Test
  void eachLayerIsNamedForTheValuesItSet() {
    assertThat(everythingOnBeta().provenance().layers())
        .contains(
            entry("recovery.progressDeadline", Layer.BUILT_IN),
            entry("env.PUID", Layer.STACK_BASE),
            entry("env.PGID", Layer.STACK_CATEGORY),
            entry("replicas", Layer.SERVICE),
            entry("channel", Layer.SERVICE),
            entry("env.CHANNEL", Layer.CHANNEL),
            entry("config.EXPERIMENTS", Layer.CHANNEL),
            entry("podLabels.stackpilot.io/protected-by", Layer.SECURITY_OVERLAY),
            entry("podLabels.stackpilot.io/scrape", Layer.MONITORING_OVERLAY),
            entry("storage.config.storageClassName", Layer.STACK_CATEGORY),
            entry("storage.cache.storageClassName", Layer.SERVICE),
            entry("securityProfile", Layer.SERVICE),
            entry("securityContext.fsGroup", Layer.STACK_BASE),
            entry("securityContext.runAsUser", Layer.SERVICE),
            entry("command", Layer.SERVICE),
            entry("promotion", Layer.SERVICE),
            entry("betaStages", Layer.BUILT_IN));
  }

  @Test
  void everyEffectiveValueHasAnEntryAndNothingElseHasOne() {
    EffectiveService effective = everythingOnBeta();

    assertThat(effective.provenance().layers().keySet())
        .containsExactlyElementsOf(pathsOf(effective));
  }

  @Test
  void aMinimalServiceHasEntriesForItsBuiltInAndChannelValuesOnly() {
    EffectiveService effective = layerAlone(mediaService(spec -> {}));

    assertThat(effective.provenance().layers().keySet())
        .containsExactlyElementsOf(pathsOf(effective));
    assertThat(effective.provenance().layers().values())
        .containsOnly(Layer.BUILT_IN, Layer.CHANNEL);
  }

  /** The provenance paths that the effective values imply, worked out independently of Layering. */
  private static Set<String> pathsOf(EffectiveService effective) {
    Set<String> paths =
        new TreeSet<>(
            List.of(
                "channel",
                "image",
                "replicas",
                "securityProfile",
                "betaStages",
                "promotion",
                "recovery.rollback",
                "recovery.failureWindow",
                "recovery.progressDeadline",
                "recovery.maxRestarts",
                "recovery.restartWindow",
                "health.initialDelaySeconds",
                "health.periodSeconds",
                "health.failureThreshold",
                "health.startup.timeout",
                "health.startup.periodSeconds",
                "health.liveness.enabled",
                "health.liveness.failureThreshold"));
    ContainerSettings container = effective.container();
    if (!container.command().isEmpty()) {
      paths.add("command");
    }
    if (!container.args().isEmpty()) {
      paths.add("args");
    }
    container.workingDir().ifPresent(dir -> paths.add("workingDir"));
    container.runAsUser().ifPresent(uid -> paths.add("securityContext.runAsUser"));
    container.runAsGroup().ifPresent(gid -> paths.add("securityContext.runAsGroup"));
    container.runAsNonRoot().ifPresent(on -> paths.add("securityContext.runAsNonRoot"));
    container.fsGroup().ifPresent(gid -> paths.add("securityContext.fsGroup"));
    if (!container.supplementalGroups().isEmpty()) {
      paths.add("securityContext.supplementalGroups");
    }
    if (!container.addedCapabilities().isEmpty()) {
      paths.add("securityContext.capabilities.add");
    }
    effective.health().portName().ifPresent(port -> paths.add("health.portName"));
    effective.health().httpPath().ifPresent(path -> paths.add("health.httpPath"));
    effective.env().forEach(variable -> paths.add("env." + variable.getName()));
    effective.config().keySet().forEach(key -> paths.add("config." + key));
    effective.configFiles().forEach(file -> paths.add("configFiles." + file.getPath()));
    effective.ports().forEach(port -> paths.add("ports." + port.getName()));
    effective
        .storage()
        .forEach(
            volume -> {
              paths.add("storage." + volume.getName());
              if (volume.getExistingClaim() == null) {
                paths.add("storage." + volume.getName() + ".storageClassName");
              }
            });
    effective
        .resources()
        .getRequests()
        .keySet()
        .forEach(resource -> paths.add("resources.requests." + resource));
    effective
        .resources()
        .getLimits()
        .keySet()
        .forEach(resource -> paths.add("resources.limits." + resource));
    effective
        .resources()
        .getClaims()
        .forEach(claim -> paths.add("resources.claims." + claim.getName()));
    effective.nodeSelector().keySet().forEach(key -> paths.add("nodeSelector." + key));
    effective.podAnnotations().keySet().forEach(key -> paths.add("podAnnotations." + key));
    effective.podLabels().keySet().forEach(key -> paths.add("podLabels." + key));
    effective
        .imagePullSecrets()
        .forEach(secret -> paths.add("imagePullSecrets." + secret.getName()));
    return paths;
  }
}
