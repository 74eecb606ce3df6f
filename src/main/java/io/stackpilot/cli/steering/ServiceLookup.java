package io.stackpilot.cli.steering;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a service by name as a user names it: {@code sonarr}, or {@code mediaservice/sonarr} when
 * two kinds share the name.
 */
final class ServiceLookup {

  private static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(MediaService.class, SecurityService.class, MonitoringService.class);

  private ServiceLookup() {}

  static StackService find(KubernetesClient client, String namespace, String reference) {
    String kind = null;
    String name = reference;
    int slash = reference.indexOf('/');
    if (slash >= 0) {
      kind = reference.substring(0, slash).toLowerCase(Locale.ROOT);
      name = reference.substring(slash + 1);
    }
    List<StackService> found = new ArrayList<>();
    for (Class<? extends CustomResource<?, ?>> type : KINDS) {
      String singular = type.getSimpleName().toLowerCase(Locale.ROOT);
      if (kind != null && !kind.equals(singular) && !kind.equals(singular + "s")) {
        continue;
      }
      Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get())
          .map(StackService.class::cast)
          .ifPresent(found::add);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "no service "
              + reference
              + " in namespace "
              + namespace
              + " (kinds: mediaservice, securityservice, monitoringservice; -n for another namespace)");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          name
              + " names more than one service in "
              + namespace
              + ": say which, as mediaservice/"
              + name
              + ", securityservice/"
              + name
              + " or monitoringservice/"
              + name);
    }
    return found.get(0);
  }

  /** kind/name, as kubectl writes it. */
  static String describe(StackService service) {
    return service.serviceKind().value().toLowerCase(Locale.ROOT)
        + "/"
        + service.getMetadata().getName();
  }
}
