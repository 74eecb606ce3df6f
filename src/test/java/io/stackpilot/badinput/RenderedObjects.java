package io.stackpilot.badinput;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.render.Labels;
import io.stackpilot.testing.OnEveryChange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every object the operator ever rendered in a namespace (Deployments, ConfigMaps,
 * Services, claims, Ingresses, NetworkPolicies), by the service it was rendered for (its kind and
 * instance labels), and which services owned each Deployment: how a test proves that no object was
 * written for a spec the operator judged invalid, even one deleted again since.
 */
final class RenderedObjects implements AutoCloseable {

  private final Set<String> renderedFor = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> deploymentOwners = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers;

  RenderedObjects(KubernetesClient client, String namespace) {
    String managed = Labels.MANAGED_BY + "=" + Labels.MANAGER;
    informers =
        List.of(
            OnEveryChange.inform(
                client.apps().deployments().inNamespace(namespace).withLabelSelector(managed),
                d -> {
                  record(d);
                  // By the Deployment's uid: one of a name deleted with its service may be followed
                  // by another.
                  d.getMetadata()
                      .getOwnerReferences()
                      .forEach(
                          owner ->
                              deploymentOwners
                                  .computeIfAbsent(
                                      d.getMetadata().getName()
                                          + " (uid "
                                          + d.getMetadata().getUid()
                                          + ")",
                                      k -> ConcurrentHashMap.newKeySet())
                                  .add(
                                      owner.getKind()
                                          + "/"
                                          + owner.getName()
                                          + "/"
                                          + owner.getUid()));
                }),
            OnEveryChange.inform(
                client.configMaps().inNamespace(namespace).withLabelSelector(managed),
                this::record),
            OnEveryChange.inform(
                client.services().inNamespace(namespace).withLabelSelector(managed), this::record),
            OnEveryChange.inform(
                client.persistentVolumeClaims().inNamespace(namespace).withLabelSelector(managed),
                this::record),
            OnEveryChange.inform(
                client.network().v1().ingresses().inNamespace(namespace).withLabelSelector(managed),
                this::record),
            OnEveryChange.inform(
                client
                    .network()
                    .v1()
                    .networkPolicies()
                    .inNamespace(namespace)
                    .withLabelSelector(managed),
                this::record));
  }

  private void record(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    renderedFor.add(labels.get(Labels.KIND) + "/" + Labels.serviceOf(object).orElse(null));
  }

  /** Whether anything was ever rendered for the service of this kind and name. */
  boolean anyFor(String kind, String name) {
    return renderedFor.contains(kind + "/" + name);
  }

  /** Deployments that more than one service ever owned: two services fighting over one object. */
  Map<String, Set<String>> contestedDeployments() {
    Map<String, Set<String>> contested = new TreeMap<>();
    deploymentOwners.forEach(
        (name, owners) -> {
          if (owners.size() > 1) {
            contested.put(name, Set.copyOf(owners));
          }
        });
    return contested;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
