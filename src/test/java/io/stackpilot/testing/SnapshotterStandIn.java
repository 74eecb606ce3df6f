package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.devcluster.SnapshotApi;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the CSI snapshotter, which the local control plane lacks (there is no storage driver to
 * take a real snapshot): it watches the VolumeSnapshots of one namespace and, as it is told, marks
 * them readyToUse, reports an error, or holds them pending. Also installs and removes the real
 * snapshot CRDs (fetched by scripts/k8s-binaries from the external-snapshotter module) and a class.
 */
public final class SnapshotterStandIn implements AutoCloseable {

  public static final String SNAPSHOT_CLASS = "standin-snapshots";
  public static final ResourceDefinitionContext SNAPSHOTS = SnapshotApi.SNAPSHOTS;
  private static final ResourceDefinitionContext CLASSES = SnapshotApi.CLASSES;
  private static final List<String> CRDS = SnapshotApi.CRDS;

  public enum Mode {
    /** Mark every snapshot ready at once. */
    READY,
    /** Leave snapshots pending until {@link #release()}. */
    HOLD,
    /** Report an error on every snapshot, as a driver that cannot snapshot would. */
    FAIL
  }

  private final KubernetesClient client;
  private final String namespace;
  private final SharedIndexInformer<GenericKubernetesResource> informer;
  private final Map<String, Instant> markedReady = new ConcurrentHashMap<>();

  /** By uid: a snapshot deleted and taken again under the same name is a new one. */
  private final Set<String> handled = ConcurrentHashMap.newKeySet();

  private volatile Mode mode;

  public SnapshotterStandIn(TestCluster cluster, Mode mode) {
    this.client = cluster.client();
    this.namespace = cluster.namespace();
    this.mode = mode;
    this.informer =
        OnEveryChange.inform(
            client.genericKubernetesResources(SNAPSHOTS).inNamespace(namespace), this::act);
  }

  /**
   * Installs the snapshot CRDs as a cluster admin would, and a VolumeSnapshotClass named {@link
   * #SNAPSHOT_CLASS}.
   */
  public static synchronized void installApi(TestCluster cluster) {
    cluster.kubectl("apply", "--server-side", "-f", crdFolder(cluster).toString()).assertSuccess();
    Crds.awaitEstablished(cluster, CRDS.toArray(String[]::new));
    ServiceQueries.eventually(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              cluster
                  .client()
                  .genericKubernetesResources(CLASSES)
                  .resource(SnapshotApi.snapshotClass(SNAPSHOT_CLASS, "local.stackpilot.io/fake"))
                  .serverSideApply();
              return true;
            });
  }

  /**
   * Removes the snapshot API, as on a cluster that never had it, and waits until discovery no
   * longer serves it.
   */
  public static synchronized void removeApi(TestCluster cluster) {
    for (String crd : CRDS) {
      cluster
          .kubectl("delete", "crd", crd, "--ignore-not-found", "--wait=true", "--timeout=60s")
          .assertSuccess();
    }
    ServiceQueries.eventually(Duration.ofSeconds(60))
        .until(
            () ->
                !cluster
                    .kubectl("api-resources", "--api-group=snapshot.storage.k8s.io", "-o", "name")
                    .stdout()
                    .contains("volumesnapshot"));
  }

  private static Path crdFolder(TestCluster cluster) {
    return cluster.controlPlane().binaries().path("snapshot-crds");
  }

  public void setMode(Mode mode) {
    this.mode = mode;
    client
        .genericKubernetesResources(SNAPSHOTS)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(this::act);
  }

  /** Marks every pending snapshot ready, and the ones to come. */
  public void release() {
    setMode(Mode.READY);
  }

  /** When each snapshot was marked ready, by name. */
  public Map<String, Instant> markedReady() {
    return new LinkedHashMap<>(markedReady);
  }

  public List<GenericKubernetesResource> snapshots() {
    return client.genericKubernetesResources(SNAPSHOTS).inNamespace(namespace).list().getItems();
  }

  private synchronized void act(GenericKubernetesResource snapshot) {
    String name = snapshot.getMetadata().getName();
    String uid = snapshot.getMetadata().getUid();
    if (mode == Mode.HOLD
        || snapshot.getMetadata().getDeletionTimestamp() != null
        || handled.contains(uid)) {
      return;
    }
    String claim = snapshot.<String>get("spec", "source", "persistentVolumeClaimName");
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("boundVolumeSnapshotContentName", "snapcontent-" + snapshot.getMetadata().getUid());
    status.put("creationTime", Instant.now().toString());
    if (mode == Mode.READY) {
      status.put("readyToUse", true);
      status.put("restoreSize", "1Gi");
    } else {
      status.put("readyToUse", false);
      status.put(
          "error",
          Map.of(
              "time",
              Instant.now().toString(),
              "message",
              "stand-in driver refused to snapshot claim " + claim));
    }
    client
        .genericKubernetesResources(SNAPSHOTS)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            s -> {
              s.setAdditionalProperty("status", status);
              return s;
            });
    handled.add(uid);
    if (mode == Mode.READY) {
      markedReady.put(name, Instant.now());
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
