package io.stackpilot.validation;

import io.stackpilot.api.BetaRolloutSpec;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.ForwardAuthSpec;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.RolloutStage;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.VolumeAccessMode;
import java.util.List;
import java.util.Optional;

/**
 * Checks that need nothing but the service itself, so that {@code stackpilot validate} can run them
 * on files in CI. They cover what the CRD's rules cannot express.
 */
final class SingleObjectChecks {

  private SingleObjectChecks() {}

  static void check(StackService service, Findings findings) {
    ServiceSpec spec = service.serviceSpec();
    noLiteralSecrets(spec, findings);
    quantitiesAreQuantities(spec, findings);
    MountPathChecks.check(service, findings);
    PodAdditionsChecks.check(service, findings);
    DurationChecks.recovery("spec.recovery", spec.getRecovery(), findings);
    DurationChecks.health("spec.health", spec.getHealth(), findings);
    DurationChecks.betaRollout(spec.getBetaRollout(), findings);
    noDependencyOnItself(service, findings);
    betaStagesDoNotShrink(spec, findings);
    singleWriterStorageHasOneReplica(spec, findings);
    if (service instanceof SecurityService security) {
      forwardAuthPortIsAPort(security, findings);
    }
    if (service instanceof MonitoringService monitoring) {
      metricsRoleScrapes(monitoring, findings);
    }
  }

  private static void noLiteralSecrets(ServiceSpec spec, Findings findings) {
    LiteralSecretChecks.env("spec.env", spec.getEnv(), findings);
    LiteralSecretChecks.config("spec.config", spec.getConfig(), findings);
    if (spec.getChannels() != null) {
      channelHasNoLiteralSecrets("spec.channels.stable", spec.getChannels().getStable(), findings);
      channelHasNoLiteralSecrets("spec.channels.beta", spec.getChannels().getBeta(), findings);
    }
  }

  private static void quantitiesAreQuantities(ServiceSpec spec, Findings findings) {
    QuantityChecks.resources("spec.resources", spec.getResources(), findings);
    QuantityChecks.env("spec.env", spec.getEnv(), findings);
    if (spec.getChannels() != null) {
      Optional.ofNullable(spec.getChannels().getStable())
          .ifPresent(c -> QuantityChecks.env("spec.channels.stable.env", c.getEnv(), findings));
      Optional.ofNullable(spec.getChannels().getBeta())
          .ifPresent(c -> QuantityChecks.env("spec.channels.beta.env", c.getEnv(), findings));
    }
  }

  private static void channelHasNoLiteralSecrets(
      String path, ChannelSpec channel, Findings findings) {
    if (channel != null) {
      LiteralSecretChecks.env(path + ".env", channel.getEnv(), findings);
      LiteralSecretChecks.config(path + ".config", channel.getConfig(), findings);
    }
  }

  private static void noDependencyOnItself(StackService service, Findings findings) {
    List<Dependency> dependsOn = Nulls.list(service.serviceSpec().getDependsOn());
    for (int i = 0; i < dependsOn.size(); i++) {
      Dependency dependency = dependsOn.get(i);
      if (dependency.getKind() == service.serviceKind()
          && service.getMetadata().getName().equals(dependency.getName())) {
        String field = "spec.dependsOn[" + i + "]";
        findings.error(
            field,
            field
                + " names the service itself ("
                + ServiceRef.of(service)
                + "), so it would wait for itself forever: remove the entry");
      }
    }
  }

  /**
   * The CRD checks that the last stage reaches 100; a stage that shrinks beta would undo a soak.
   */
  private static void betaStagesDoNotShrink(ServiceSpec spec, Findings findings) {
    List<RolloutStage> stages =
        Optional.ofNullable(spec.getBetaRollout())
            .map(BetaRolloutSpec::getStages)
            .orElse(List.of());
    RolloutStage widest = null;
    for (int i = 0; i < stages.size(); i++) {
      RolloutStage stage = stages.get(i);
      if (stage.getPercent() == null) {
        continue;
      }
      if (widest != null && stage.getPercent() < widest.getPercent()) {
        String field = "spec.betaRollout.stages[" + i + "].percent";
        findings.error(
            field,
            field
                + " of stage "
                + stage.getName()
                + " is "
                + stage.getPercent()
                + ", less than the "
                + widest.getPercent()
                + " of stage "
                + widest.getName()
                + " before it: percents may not decrease; order the stages by percent");
      } else {
        widest = stage;
      }
    }
  }

  /** Two pods cannot share a ReadWriteOnce volume, so a second replica would never start. */
  private static void singleWriterStorageHasOneReplica(ServiceSpec spec, Findings findings) {
    int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
    if (replicas <= 1) {
      return;
    }
    List<StorageSpec> storage = Nulls.list(spec.getStorage());
    for (int i = 0; i < storage.size(); i++) {
      StorageSpec volume = storage.get(i);
      // The access mode of a claim the user owns is not in the spec; only created claims are known.
      VolumeAccessMode mode =
          Optional.ofNullable(volume.getAccessMode())
              .orElseGet(
                  () -> SchemaDefaults.of(VolumeAccessMode.class, SchemaDefaults.ACCESS_MODE));
      if (Nulls.isBlank(volume.getExistingClaim()) && mode != VolumeAccessMode.READ_WRITE_MANY) {
        String field = "spec.storage[" + i + "].accessMode";
        findings.error(
            field,
            field
                + " of volume "
                + volume.getName()
                + " is "
                + mode.value()
                + ", which only one pod can use, but spec.replicas is "
                + replicas
                + ": set accessMode: ReadWriteMany (with a storage class that supports it) or replicas: 1");
      }
    }
  }

  private static void forwardAuthPortIsAPort(SecurityService service, Findings findings) {
    Optional<ForwardAuthSpec> forwardAuth =
        Optional.ofNullable(service.getSpec().getSecurity()).map(SecuritySpec::getForwardAuth);
    if (forwardAuth.isEmpty() || forwardAuth.get().getPort() == null) {
      return;
    }
    String port = forwardAuth.get().getPort();
    List<String> ports =
        Nulls.list(service.getSpec().getPorts()).stream().map(PortSpec::getName).toList();
    if (!ports.contains(port)) {
      findings.error(
          "spec.security.forwardAuth.port",
          "spec.security.forwardAuth.port is "
              + port
              + ", which is not one of spec.ports "
              + ports
              + ": name one of them, or add a port named "
              + port);
    }
  }

  private static void metricsRoleScrapes(MonitoringService service, Findings findings) {
    MonitoringSpec monitoring = service.getSpec().getMonitoring();
    if (monitoring != null
        && monitoring.getRole() == MonitoringRole.METRICS
        && monitoring.getScrape() == null) {
      findings.warning(
          "spec.monitoring.scrape",
          "spec.monitoring.scrape is missing, so this Metrics service"
              + " collects nothing from the stack: add scrape with a selector, or choose role Dashboards or Uptime");
    }
  }
}
