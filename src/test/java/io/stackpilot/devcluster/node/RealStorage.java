package io.stackpilot.devcluster.node;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.stackpilot.devcluster.LocalControlPlane;
import io.stackpilot.devcluster.ManagedProcess;
import io.stackpilot.devcluster.SnapshotApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Real storage for the real node: the CSI hostpath driver with its sidecars, as host processes
 * beside the kubelet (no registry to pull their images from, and a host process is started and
 * stopped by its PID like the node's other parts). The driver keeps volumes and snapshots (tar
 * archives) in the node's run folder; claims of {@link #STORAGE_CLASS} bind through it and
 * VolumeSnapshots of {@link #SNAPSHOT_CLASS} are taken and restored by it for real.
 */
public final class RealStorage {

  public static final String DRIVER = "hostpath.csi.k8s.io";
  public static final String STORAGE_CLASS = "stackpilot-hostpath";
  public static final String SNAPSHOT_CLASS = "stackpilot-hostpath-snapshots";

  /**
   * A class of a driver nothing serves: a snapshot of it is never taken, as when a cluster's
   * snapshotter is down or the class is wrong, so tests can watch an upgrade wait and give up.
   */
  public static final String UNSERVED_SNAPSHOT_CLASS = "stackpilot-unserved-snapshots";

  static final String UNSERVED_DRIVER = "unserved.stackpilot.test";

  static final List<String> BINARIES =
      List.of(
          "hostpathplugin",
          "csi-node-driver-registrar",
          "csi-provisioner",
          "csi-snapshotter",
          "snapshot-controller");

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final LocalControlPlane plane;
  private final Path binaries;
  private final Path socket;
  private final Path state;
  private final List<ManagedProcess> processes = new ArrayList<>();

  RealStorage(LocalControlPlane plane, Path binaries, Path run) {
    this.plane = plane;
    this.binaries = binaries;
    this.socket = run.resolve("csi/hostpath.sock");
    this.state = run.resolve("csi/state");
  }

  /**
   * Starts the driver and its sidecars and creates the CSIDriver, the StorageClass and the
   * VolumeSnapshotClass; the processes started are added to {@code started}, for the node to stop.
   */
  void start(Path kubeletRoot, List<ManagedProcess> started) throws IOException {
    Files.createDirectories(state);
    installSnapshotApi();
    String kubeconfig = "--kubeconfig=" + plane.kubeconfig();
    String csiAddress = "--csi-address=" + socket;
    ManagedProcess driver =
        launch(
            started,
            "hostpathplugin",
            "--endpoint=unix://" + socket,
            "--drivername=" + DRIVER,
            "--nodeid=" + RealNode.NAME,
            "--statedir=" + state,
            // One node: no topology, so claims bind at once and snapshots restore anywhere.
            "--enable-topology=false",
            "--v=2");
    waitFor("the hostpath driver's socket", () -> Files.exists(socket), driver);
    launch(
        started,
        "csi-node-driver-registrar",
        csiAddress,
        "--kubelet-registration-path=" + socket,
        "--plugin-registration-path=" + kubeletRoot.resolve("plugins_registry"),
        "--v=2");
    launch(
        started,
        "csi-provisioner",
        csiAddress,
        kubeconfig,
        "--leader-election=false",
        "--extra-create-metadata",
        "--v=2");
    launch(
        started,
        "csi-snapshotter",
        csiAddress,
        kubeconfig,
        "--leader-election=false",
        "--extra-create-metadata",
        "--v=2");
    launch(started, "snapshot-controller", kubeconfig, "--leader-election=false", "--v=2");
    try (KubernetesClient client = plane.client()) {
      createClasses(client);
      waitFor(
          "the kubelet to register " + DRIVER,
          () -> registered(client),
          processes.toArray(ManagedProcess[]::new));
    }
  }

  /**
   * Removes what the driver leaves in the cluster when it stops: the volumes and snapshot contents
   * it made (their finalizers wait for a driver that is gone, so they are dropped), the classes and
   * the CSIDriver, so no later test finds a driver that is not there.
   */
  void deleteClusterObjects() {
    try (KubernetesClient client = plane.client()) {
      client.persistentVolumes().list().getItems().stream()
          .filter(pv -> pv.getSpec().getCsi() != null)
          .filter(pv -> DRIVER.equals(pv.getSpec().getCsi().getDriver()))
          .forEach(
              pv ->
                  deleteDroppingFinalizers(
                      client.persistentVolumes().withName(pv.getMetadata().getName())));
      // Snapshots of its class in any namespace: their finalizers wait for the snapshot-controller,
      // and one left behind would hold up a later deletion of the snapshot API forever.
      var snapshots = client.genericKubernetesResources(SnapshotApi.SNAPSHOTS).inAnyNamespace();
      snapshots.list().getItems().stream()
          .filter(
              v ->
                  v.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                      && List.of(SNAPSHOT_CLASS, UNSERVED_SNAPSHOT_CLASS)
                          .contains(spec.get("volumeSnapshotClassName")))
          .forEach(
              v ->
                  deleteDroppingFinalizers(
                      client
                          .genericKubernetesResources(SnapshotApi.SNAPSHOTS)
                          .inNamespace(v.getMetadata().getNamespace())
                          .withName(v.getMetadata().getName())));
      var contents = client.genericKubernetesResources(SnapshotApi.CONTENTS);
      contents.list().getItems().stream()
          .filter(
              c ->
                  c.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                      && List.of(DRIVER, UNSERVED_DRIVER).contains(spec.get("driver")))
          .forEach(c -> deleteDroppingFinalizers(contents.withName(c.getMetadata().getName())));
      client.genericKubernetesResources(SnapshotApi.CLASSES).withName(SNAPSHOT_CLASS).delete();
      client
          .genericKubernetesResources(SnapshotApi.CLASSES)
          .withName(UNSERVED_SNAPSHOT_CLASS)
          .delete();
      client.storage().v1().storageClasses().withName(STORAGE_CLASS).delete();
      client.storage().v1().csiDrivers().withName(DRIVER).delete();
    }
  }

  private static <T extends HasMetadata> void deleteDroppingFinalizers(Resource<T> resource) {
    resource.delete();
    try {
      resource.edit(
          object -> {
            object.getMetadata().setFinalizers(List.of());
            return object;
          });
    } catch (KubernetesClientException gone) {
      // Deleted at once: nothing held it.
    }
  }

  private void installSnapshotApi() {
    Path crds = plane.binaries().path("snapshot-crds");
    HostCommand.run(
        plane.binaries().path("kubectl").toString(),
        "--kubeconfig=" + plane.kubeconfig(),
        "apply",
        "--server-side",
        "-f",
        crds.toString());
    List<String> wait =
        new ArrayList<>(
            List.of(
                plane.binaries().path("kubectl").toString(),
                "--kubeconfig=" + plane.kubeconfig(),
                "wait",
                "--for=condition=Established",
                "--timeout=60s"));
    SnapshotApi.CRDS.forEach(crd -> wait.add("crd/" + crd));
    HostCommand.run(wait.toArray(String[]::new));
  }

  private static void createClasses(KubernetesClient client) {
    client
        .storage()
        .v1()
        .csiDrivers()
        .resource(
            new CSIDriverBuilder()
                .withNewMetadata()
                .withName(DRIVER)
                .endMetadata()
                .withNewSpec()
                // No attacher runs: the driver publishes volumes on the node alone.
                .withAttachRequired(false)
                .withPodInfoOnMount(true)
                // Its volumes are plain folders without an fsType: only File makes the kubelet
                // give them to the pod's fsGroup, so an app that is not root can write.
                .withFsGroupPolicy("File")
                .withVolumeLifecycleModes("Persistent")
                .endSpec()
                .build())
        .serverSideApply();
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName(STORAGE_CLASS)
                .endMetadata()
                .withProvisioner(DRIVER)
                .withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate")
                .withAllowVolumeExpansion(true)
                .build())
        .serverSideApply();
    client
        .genericKubernetesResources(SnapshotApi.CLASSES)
        .resource(SnapshotApi.defaultSnapshotClass(SNAPSHOT_CLASS, DRIVER))
        .serverSideApply();
    client
        .genericKubernetesResources(SnapshotApi.CLASSES)
        .resource(SnapshotApi.snapshotClass(UNSERVED_SNAPSHOT_CLASS, UNSERVED_DRIVER))
        .serverSideApply();
  }

  private static boolean registered(KubernetesClient client) {
    var csiNode = client.storage().v1().csiNodes().withName(RealNode.NAME).get();
    return csiNode != null
        && csiNode.getSpec().getDrivers() != null
        && csiNode.getSpec().getDrivers().stream().anyMatch(d -> DRIVER.equals(d.getName()));
  }

  private ManagedProcess launch(List<ManagedProcess> started, String binary, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(binaries.resolve(binary).toString());
    command.addAll(List.of(arguments));
    ManagedProcess process =
        new ManagedProcess(binary, command, Map.of("PATH", "/usr/bin:/bin"), state.getParent())
            .start();
    processes.add(process);
    started.add(process);
    return process;
  }

  private static void waitFor(String what, BooleanSupplier ready, ManagedProcess... watched) {
    StartupWait.until(what, STARTUP_TIMEOUT, ready, watched);
  }
}
