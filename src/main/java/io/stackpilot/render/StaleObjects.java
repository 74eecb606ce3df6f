package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a service still owns that its spec no longer asks for: an Ingress or HTTPRoute once {@code
 * expose} is gone or asks for the other, a NetworkPolicy once its stack stops isolating or it
 * leaves the stack, its own ServiceMonitor once it joins a stack, loses its metrics port or turns
 * the monitor off. Left in place, an app its owner took off the network would stay reachable, and
 * one a stack let go would stay fenced in.
 *
 * <p>Only these kinds are pruned here: ConfigMaps follow the revision history, the canary follows
 * the beta rollout, and the Deployment and Service are always rendered.
 */
public final class StaleObjects {

  private static final Set<Class<? extends HasMetadata>> PRUNED =
      Set.of(Ingress.class, NetworkPolicy.class);

  private StaleObjects() {}

  /**
   * @param owned the objects of the pruned kinds the service owns now (of an add-on's API, such as
   *     HTTPRoutes and ServiceMonitors, only those: whatever of them it owns is pruned once
   *     unasked)
   * @param applied the objects just applied for the service
   * @param exposureWithheld the rendered Ingress is held back until its protector is Ready: the one
   *     that exists stays, since taking a running app offline to wait for its protector helps
   *     nobody
   */
  public static List<HasMetadata> of(
      Collection<? extends HasMetadata> owned,
      List<? extends HasMetadata> applied,
      boolean exposureWithheld) {
    Set<String> wanted = applied.stream().map(StaleObjects::key).collect(Collectors.toSet());
    return owned.stream()
        .filter(
            object ->
                PRUNED.contains(object.getClass()) || object instanceof GenericKubernetesResource)
        .filter(
            object ->
                !(exposureWithheld
                    && (object instanceof Ingress || HttpRouteRenderer.isRoute(object))))
        .filter(object -> !wanted.contains(key(object)))
        .<HasMetadata>map(object -> object)
        .sorted(Comparator.comparing(StaleObjects::key))
        .toList();
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
