package io.stackpilot.faults;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.HistoryEntry;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.testing.TestCluster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * What the cluster shows about the objects Stackpilot owns for a service, read the way the fault
 * tests count "exactly once": Deployment template revisions, Events per action, history and
 * quarantine entries, and content-addressed ConfigMaps that nothing mounts or remembers any more.
 */
final class Owned {

  /** Pods are found by the label they share with the Deployments' selectors. */
  private static final String INSTANCE = "app.kubernetes.io/instance";

  /** Every other object Stackpilot renders carries the service label. */
  private static final String SERVICE = "stackpilot.io/service";

  private Owned() {}

  static MediaService service(TestCluster cluster, String name) {
    return cluster
        .client()
        .resources(MediaService.class)
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  static Optional<Deployment> deployment(TestCluster cluster, String name) {
    return Optional.ofNullable(
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(cluster.namespace())
            .withName(name)
            .get());
  }

  /**
   * The Deployment controller's revision counter: it goes up once for every new pod template (and
   * for a return to an older one), so it counts rollouts, restarts and rollbacks as the cluster saw
   * them.
   */
  static long templateRevision(TestCluster cluster, String name) {
    return deployment(cluster, name)
        .map(d -> d.getMetadata().getAnnotations())
        .map(a -> a.get("deployment.kubernetes.io/revision"))
        .map(Long::parseLong)
        .orElse(0L);
  }

  static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** Pods of the service that are not going away, with their image and whether they are ready. */
  static List<Pod> pods(TestCluster cluster, String service) {
    return cluster
        .client()
        .pods()
        .inNamespace(cluster.namespace())
        .withLabel(INSTANCE, service)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  static boolean readyOn(Pod pod, String image) {
    return image.equals(pod.getSpec().getContainers().get(0).getImage())
        && pod.getStatus() != null
        && pod.getStatus().getContainerStatuses() != null
        && !pod.getStatus().getContainerStatuses().isEmpty()
        && Boolean.TRUE.equals(pod.getStatus().getContainerStatuses().get(0).getReady());
  }

  /**
   * Every pod of the service runs the image and is ready, and there are exactly {@code count} of
   * them.
   */
  static boolean allReadyOn(TestCluster cluster, String service, String image, int count) {
    List<Pod> pods = pods(cluster, service);
    return pods.size() == count && pods.stream().allMatch(p -> readyOn(p, image));
  }

  /** Events Stackpilot recorded on the service with this reason whose message mentions the text. */
  static long events(TestCluster cluster, String service, String reason, String mentioning) {
    return allEvents(cluster).stream()
        .filter(
            e ->
                service.equals(e.getInvolvedObject().getName())
                    && reason.equals(e.getReason())
                    && e.getMessage() != null
                    && e.getMessage().contains(mentioning))
        .count();
  }

  static List<Event> allEvents(TestCluster cluster) {
    return cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems();
  }

  /**
   * Entries that appear more than once, by a key: a history or quarantine must name each revision
   * once.
   */
  static <T> Set<String> duplicates(Collection<T> entries, Function<T, String> key) {
    return entries == null
        ? Set.of()
        : entries.stream()
            .collect(Collectors.groupingBy(key, Collectors.counting()))
            .entrySet()
            .stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
  }

  static Set<String> duplicateHistory(MediaService service) {
    List<HistoryEntry> history =
        service.getStatus() == null ? null : service.getStatus().getHistory();
    return duplicates(history, HistoryEntry::getRevision);
  }

  static Set<String> duplicateQuarantine(MediaService service) {
    List<QuarantinedRevision> quarantine =
        service.getStatus() == null ? null : service.getStatus().getQuarantine();
    return duplicates(quarantine, QuarantinedRevision::getRevision);
  }

  /**
   * Content-addressed ConfigMaps of the service that no Deployment of it mounts and no history
   * record names: what a crash between applying a revision and pruning the old one could leave
   * behind.
   */
  static List<String> orphanConfigMaps(TestCluster cluster, String service) {
    List<ConfigMap> maps =
        cluster
            .client()
            .configMaps()
            .inNamespace(cluster.namespace())
            .withLabel(SERVICE, service)
            .withLabel("app.kubernetes.io/managed-by", "stackpilot")
            .list()
            .getItems();
    String history =
        maps.stream().filter(Owned::isHistory).findFirst().map(Owned::historyJson).orElse("");
    Set<String> mounted = new HashSet<>();
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withLabel(SERVICE, service)
        .list()
        .getItems()
        .forEach(d -> mounted.addAll(configMapsOf(d)));
    return maps.stream()
        .filter(m -> !isHistory(m))
        .map(m -> m.getMetadata().getName())
        .filter(name -> !mounted.contains(name) && !history.contains("\"" + name + "\""))
        .sorted()
        .toList();
  }

  /**
   * Deployments with the service's instance label: the service's own and, during a beta stage, its
   * canary.
   */
  static List<String> deployments(TestCluster cluster, String service) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withLabel(SERVICE, service)
        .list()
        .getItems()
        .stream()
        .map(d -> d.getMetadata().getName())
        .sorted()
        .toList();
  }

  /**
   * Events, pods and Deployments of a service, in time order, for a failure message that explains
   * itself.
   */
  static String describe(TestCluster cluster, String service) {
    StringBuilder out = new StringBuilder("--- " + service + "\n");
    allEvents(cluster).stream()
        .filter(e -> service.equals(e.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(e -> String.valueOf(e.getFirstTimestamp())))
        .forEach(
            e ->
                out.append("event ")
                    .append(e.getFirstTimestamp())
                    .append(' ')
                    .append(e.getReason())
                    .append(": ")
                    .append(e.getMessage())
                    .append('\n'));
    cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withLabel(SERVICE, service)
        .list()
        .getItems()
        .forEach(
            d ->
                out.append("deployment ")
                    .append(d.getMetadata().getName())
                    .append(" generation ")
                    .append(d.getMetadata().getGeneration())
                    .append(" observed ")
                    .append(d.getStatus().getObservedGeneration())
                    .append(" ready ")
                    .append(d.getStatus().getReadyReplicas())
                    .append('/')
                    .append(d.getSpec().getReplicas())
                    .append('\n'));
    cluster
        .client()
        .pods()
        .inNamespace(cluster.namespace())
        .withLabel(INSTANCE, service)
        .list()
        .getItems()
        .forEach(
            p ->
                out.append("pod ")
                    .append(p.getMetadata().getName())
                    .append(" created ")
                    .append(p.getMetadata().getCreationTimestamp())
                    .append(p.getMetadata().getDeletionTimestamp() == null ? "" : " deleting")
                    .append(" annotations ")
                    .append(p.getMetadata().getAnnotations())
                    .append(" status ")
                    .append(p.getStatus().getContainerStatuses())
                    .append('\n'));
    return out.toString();
  }

  private static boolean isHistory(ConfigMap map) {
    return map.getMetadata().getLabels() != null
        && "true".equals(map.getMetadata().getLabels().get("stackpilot.io/history"));
  }

  private static String historyJson(ConfigMap map) {
    if (map.getBinaryData() == null || map.getBinaryData().isEmpty()) {
      return "";
    }
    byte[] zipped = Base64.getDecoder().decode(map.getBinaryData().values().iterator().next());
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the history ConfigMap " + map.getMetadata().getName() + " is unreadable", e);
    }
  }

  private static Set<String> configMapsOf(Deployment deployment) {
    Set<String> names = new HashSet<>();
    var pod = deployment.getSpec().getTemplate().getSpec();
    for (var container : pod.getContainers()) {
      if (container.getEnvFrom() != null) {
        container.getEnvFrom().stream()
            .map(EnvFromSource::getConfigMapRef)
            .filter(r -> r != null)
            .forEach(r -> names.add(r.getName()));
      }
    }
    if (pod.getVolumes() != null) {
      pod.getVolumes().stream()
          .map(Volume::getConfigMap)
          .filter(c -> c != null)
          .forEach(c -> names.add(c.getName()));
    }
    return names;
  }
}
