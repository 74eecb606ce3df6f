package io.stackpilot.config;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.KubeServiceSpec;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.StorageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The configuration a service actually runs with: every layer applied (stack base, category
 * defaults, service, channel overrides, overlays), lists and maps in a deterministic order, and the
 * layer that set each value in {@link #provenance()}. Everything rendering needs, and nothing else.
 *
 * <p>Lists of named items (env, ports, storage, config files) keep the order in which names first
 * appear, lowest layer first; maps are sorted by key.
 */
public record EffectiveService(
    String namespace,
    String name,
    ServiceKind kind,
    Optional<String> stack,
    Channel channel,
    String image,
    int replicas,
    List<PortSpec> ports,
    List<EnvVar> env,
    SortedMap<String, String> config,
    List<ConfigFile> configFiles,
    List<StorageSpec> storage,
    HealthSettings health,
    RecoverySettings recovery,
    ResourceRequirements resources,
    SecurityProfile securityProfile,
    ContainerSettings container,
    PodAdditions additions,
    SortedMap<String, String> nodeSelector,
    List<Toleration> tolerations,
    List<LocalObjectReference> imagePullSecrets,
    SortedMap<String, String> podAnnotations,
    SortedMap<String, String> podLabels,
    Optional<ExposeSpec> expose,
    Optional<KubeServiceSpec> kubeService,
    Optional<MediaSpec> media,
    Optional<SecuritySpec> security,
    Optional<MonitoringSpec> monitoring,
    List<RolloutStageSettings> betaStages,
    PromotionPolicy promotion,
    List<Dependency> dependsOn,
    Provenance provenance) {

  /**
   * The same configuration with one more file that an overlay adds (the scrape configuration of a
   * Prometheus, say), rendered through the same content-addressed ConfigMap as the user's files.
   */
  public EffectiveService withOverlayFile(ConfigFile file, Layer layer) {
    List<ConfigFile> files = new ArrayList<>(configFiles);
    files.removeIf(f -> f.getPath().equals(file.getPath()));
    files.add(file);
    Map<String, Layer> layers = new TreeMap<>(provenance.layers());
    layers.put("configFiles." + file.getPath(), layer);
    return new EffectiveService(
        namespace,
        name,
        kind,
        stack,
        channel,
        image,
        replicas,
        ports,
        env,
        config,
        List.copyOf(files),
        storage,
        health,
        recovery,
        resources,
        securityProfile,
        container,
        additions,
        nodeSelector,
        tolerations,
        imagePullSecrets,
        podAnnotations,
        podLabels,
        expose,
        kubeService,
        media,
        security,
        monitoring,
        betaStages,
        promotion,
        dependsOn,
        Provenance.of(layers));
  }
}
