package io.stackpilot.validation;

import io.stackpilot.api.ServiceStack;
import io.stackpilot.datasafety.SnapshotClassInfo;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the reconciler read from the cluster for the checks that look beyond one object: the
 * service's stack, the Secrets and ConfigMaps with their key names (never their values), the
 * PersistentVolumeClaims, and the dependsOn graph of the services in the namespace.
 *
 * <p>{@link #offline()} means no cluster is known, as in {@code stackpilot validate -f DIR}: the
 * checks that need the cluster are skipped rather than reported as missing objects.
 *
 * @param online whether these facts describe a cluster at all
 * @param stack the ServiceStack the service names, if it exists
 * @param secretKeys the Secrets of the namespace, by name, with their key names
 * @param configMapKeys the ConfigMaps of the namespace, by name, with their key names
 * @param claimNames the PersistentVolumeClaims of the namespace
 * @param dependencies every service of the namespace with the services it depends on; the entry of
 *     the service being validated is never read, its spec (which may be newer) is
 * @param snapshotClasses the cluster's VolumeSnapshotClasses; empty when the snapshot API is not
 *     installed, null when nobody looked (the reader looks only when a volume may be snapshotted)
 * @param namesakes services of other kinds with the service's name that came first, which own the
 *     objects of that name
 */
public record ClusterFacts(
    boolean online,
    Optional<ServiceStack> stack,
    Map<String, Set<String>> secretKeys,
    Map<String, Set<String>> configMapKeys,
    Set<String> claimNames,
    Map<ServiceRef, List<ServiceRef>> dependencies,
    Optional<List<SnapshotClassInfo>> snapshotClasses,
    Set<ServiceRef> namesakes) {

  public ClusterFacts {
    Objects.requireNonNull(stack, "stack");
    secretKeys = copyOfKeys(secretKeys);
    configMapKeys = copyOfKeys(configMapKeys);
    // Copies that answer "no" to a null name, as a spec may leave a reference's name out.
    claimNames = Collections.unmodifiableSet(new HashSet<>(claimNames));
    Map<ServiceRef, List<ServiceRef>> graph = new LinkedHashMap<>();
    dependencies.forEach((service, dependsOn) -> graph.put(service, List.copyOf(dependsOn)));
    dependencies = Collections.unmodifiableMap(graph);
    snapshotClasses = snapshotClasses == null ? null : snapshotClasses.map(List::copyOf);
    namesakes = Set.copyOf(namesakes);
  }

  /** No cluster known: only the checks that need nothing but the object itself run. */
  public static ClusterFacts offline() {
    return new ClusterFacts(
        false, Optional.empty(), Map.of(), Map.of(), Set.of(), Map.of(), null, Set.of());
  }

  /** A cluster that holds nothing yet; add to it with the {@code with} methods. */
  public static ClusterFacts emptyCluster() {
    return new ClusterFacts(
        true, Optional.empty(), Map.of(), Map.of(), Set.of(), Map.of(), null, Set.of());
  }

  public ClusterFacts withStack(ServiceStack serviceStack) {
    requireOnline();
    return new ClusterFacts(
        online,
        Optional.of(serviceStack),
        secretKeys,
        configMapKeys,
        claimNames,
        dependencies,
        snapshotClasses,
        namesakes);
  }

  public ClusterFacts withSecret(String name, String... keys) {
    requireOnline();
    return new ClusterFacts(
        online,
        stack,
        plus(secretKeys, name, keys),
        configMapKeys,
        claimNames,
        dependencies,
        snapshotClasses,
        namesakes);
  }

  public ClusterFacts withConfigMap(String name, String... keys) {
    requireOnline();
    return new ClusterFacts(
        online,
        stack,
        secretKeys,
        plus(configMapKeys, name, keys),
        claimNames,
        dependencies,
        snapshotClasses,
        namesakes);
  }

  public ClusterFacts withClaim(String name) {
    requireOnline();
    Set<String> claims = new HashSet<>(claimNames);
    claims.add(name);
    return new ClusterFacts(
        online, stack, secretKeys, configMapKeys, claims, dependencies, snapshotClasses, namesakes);
  }

  public ClusterFacts withService(ServiceRef service, List<ServiceRef> dependsOn) {
    requireOnline();
    Map<ServiceRef, List<ServiceRef>> graph = new LinkedHashMap<>(dependencies);
    graph.put(service, dependsOn);
    return new ClusterFacts(
        online, stack, secretKeys, configMapKeys, claimNames, graph, snapshotClasses, namesakes);
  }

  /** Another service, of another kind, with the same name, that came first. */
  public ClusterFacts withNamesake(ServiceRef service) {
    requireOnline();
    Set<ServiceRef> all = new HashSet<>(namesakes);
    all.add(service);
    return new ClusterFacts(
        online, stack, secretKeys, configMapKeys, claimNames, dependencies, snapshotClasses, all);
  }

  /** The snapshot API as read: its VolumeSnapshotClasses, or empty when it is not installed. */
  public ClusterFacts withSnapshotApi(Optional<List<SnapshotClassInfo>> classes) {
    requireOnline();
    return new ClusterFacts(
        online,
        stack,
        secretKeys,
        configMapKeys,
        claimNames,
        dependencies,
        Objects.requireNonNull(classes),
        namesakes);
  }

  /**
   * Whether the snapshot API was looked at: only for a service with a volume that may be
   * snapshotted.
   */
  public boolean snapshotApiKnown() {
    return snapshotClasses != null;
  }

  // Offline facts that quietly carried objects would still skip every cross-object check.
  private void requireOnline() {
    if (!online) {
      throw new IllegalStateException(
          "offline facts describe no cluster: start from ClusterFacts.emptyCluster()");
    }
  }

  private static Map<String, Set<String>> plus(
      Map<String, Set<String>> objects, String name, String... keys) {
    Map<String, Set<String>> all = new HashMap<>(objects);
    all.put(name, Set.of(keys));
    return all;
  }

  private static Map<String, Set<String>> copyOfKeys(Map<String, Set<String>> objects) {
    Map<String, Set<String>> copy = new HashMap<>();
    objects.forEach(
        (name, keys) -> copy.put(name, Collections.unmodifiableSet(new HashSet<>(keys))));
    return Collections.unmodifiableMap(copy);
  }
}
