package io.stackpilot.config;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.ExposeDefaults;
import io.stackpilot.api.HealthSpec;
import io.stackpilot.api.RecoverySpec;
import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceSpec;
import java.util.List;
import java.util.Map;

/**
 * The settings that one layer below the overlays contributes to what several layers can set, so
 * that each setting is merged by one loop over the layers. A field is null where the layer leaves
 * it unset or cannot set it: a channel sets only env and config; only a stack sets
 * storageClassName, volumeSnapshotClassName, imagePullSecrets, podLabels and expose defaults. What
 * only the service spec sets is read from the spec directly.
 *
 * @param location where the layer's fields are, for error messages, e.g. "ServiceStack home:
 *     spec.media"
 */
record LayerInput(
    Layer layer,
    String location,
    List<EnvVar> env,
    Map<String, String> config,
    ResourceRequirements resources,
    SecurityProfile securityProfile,
    SecurityContextSpec securityContext,
    RecoverySpec recovery,
    HealthSpec health,
    String storageClassName,
    String volumeSnapshotClassName,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    List<LocalObjectReference> imagePullSecrets,
    Map<String, String> podAnnotations,
    Map<String, String> podLabels,
    ExposeDefaults expose) {

  static LayerInput stackDefaults(Layer layer, String location, ServiceDefaults defaults) {
    return new LayerInput(
        layer,
        location,
        defaults.getEnv(),
        defaults.getConfig(),
        defaults.getResources(),
        defaults.getSecurityProfile(),
        defaults.getSecurityContext(),
        defaults.getRecovery(),
        defaults.getHealth(),
        defaults.getStorageClassName(),
        defaults.getVolumeSnapshotClassName(),
        defaults.getNodeSelector(),
        defaults.getTolerations(),
        defaults.getImagePullSecrets(),
        defaults.getPodAnnotations(),
        defaults.getPodLabels(),
        defaults.getExpose());
  }

  static LayerInput serviceSpec(String location, ServiceSpec spec) {
    return new LayerInput(
        Layer.SERVICE,
        location,
        spec.getEnv(),
        spec.getConfig(),
        spec.getResources(),
        spec.getSecurityProfile(),
        spec.getSecurityContext(),
        spec.getRecovery(),
        spec.getHealth(),
        null,
        null,
        spec.getNodeSelector(),
        spec.getTolerations(),
        null,
        spec.getPodAnnotations(),
        null,
        null);
  }

  static LayerInput channelOverrides(String location, ChannelSpec channel) {
    return new LayerInput(
        Layer.CHANNEL,
        location,
        channel.getEnv(),
        channel.getConfig(),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
