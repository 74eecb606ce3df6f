package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.lifecycle.RolloutMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders the objects of a service from its effective configuration. Pure: the same configuration
 * always renders the same objects and the same revision.
 */
public final class ServiceRenderer {

  private ServiceRenderer() {}

  public static RenderedService render(EffectiveService service, OwnerReference owner) {
    return render(service, owner, Track.STABLE, service.replicas());
  }

  /**
   * On a given track and scale: the beta canary, or the main Deployment holding fewer pods beside
   * it.
   */
  public static RenderedService render(
      EffectiveService service, OwnerReference owner, Track track, int replicas) {
    Optional<ConfigMap> entries = ConfigMapRenderer.entries(service, owner);
    Optional<ConfigMap> files = ConfigMapRenderer.files(service, owner);
    Deployment deployment =
        DeploymentRenderer.render(service, owner, track, replicas, entries, files);
    List<ConfigMap> configMaps = new ArrayList<>();
    entries.ifPresent(configMaps::add);
    files.ifPresent(configMaps::add);
    return new RenderedService(
        DeploymentRenderer.revisionOf(deployment),
        deployment,
        KubeServiceRenderer.render(service, owner),
        List.copyOf(configMaps),
        ClaimRenderer.render(service, owner),
        exposure(service, owner));
  }

  /** An Ingress, or an HTTPRoute when the service is exposed through a Gateway. */
  private static Optional<HasMetadata> exposure(EffectiveService service, OwnerReference owner) {
    return IngressRenderer.render(service, owner)
        .<HasMetadata>map(ingress -> ingress)
        .or(() -> HttpRouteRenderer.render(service, owner));
  }

  /**
   * Whether beta reaches this service by a canary beside stable, or by swapping its one Deployment.
   */
  public static RolloutMode rolloutMode(EffectiveService service) {
    return service.replicas() > 1 && !DeploymentRenderer.needsRecreate(service)
        ? RolloutMode.CANARY
        : RolloutMode.SWAP;
  }

  /** The revision a Deployment Stackpilot rendered is running, from its pod template. */
  public static Optional<String> revisionOf(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec())
        .map(s -> s.getTemplate())
        .map(t -> t.getMetadata())
        .map(m -> m.getLabels())
        .map(l -> l.get(Labels.REVISION));
  }
}
