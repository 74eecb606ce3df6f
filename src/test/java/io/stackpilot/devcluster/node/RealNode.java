package io.stackpilot.devcluster.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.devcluster.FreePorts;
import io.stackpilot.devcluster.LocalControlPlane;
import io.stackpilot.devcluster.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node beside a {@link LocalControlPlane}: containerd with runc, kubelet, kube-proxy in
 * nftables mode and CoreDNS, as local processes, on a network confined to this machine ({@link
 * NodeNetwork}). Its pods reach the API server through the {@code kubernetes} Service, with their
 * service account tokens, as in-cluster clients do anywhere ({@link ApiServerForwarder}). It is
 * labelled and tainted so that only the pods that ask for it land there; their images are the ones
 * scripts/test-images built, imported, never pulled. Closing it removes every pod, process, mount,
 * network device, nftables table and kernel setting it made.
 */
public final class RealNode implements AutoCloseable {

  public static final String NAME = "real-node-0";

  /** The label that selects the real node, with the value {@code real}. */
  public static final String LABEL = "stackpilot.io/node";

  /** The taint that keeps every other pod off it (NoSchedule, value "true"). */
  public static final String TAINT = "stackpilot.io/real-node";

  private static final Logger log = LoggerFactory.getLogger(RealNode.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> BINARIES =
      List.of(
          "kubelet",
          "kube-proxy",
          "containerd",
          "containerd-shim-runc-v2",
          "ctr",
          "crictl",
          "coredns",
          "cni/bridge",
          "cni/host-local",
          "cni/loopback");

  private final LocalControlPlane plane;
  private final NodePaths paths;
  private final Path images;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(() -> stop(), "stackpilot-real-node-stop");
  private KernelSettings kernel;
  private HostPaths hostPaths;
  private NodeNetwork network;
  private ManagedProcess containerd;
  private ApiServerForwarder apiServerForPods;
  private RealStorage storage;
  private Duration startupTime;
  private boolean owner;

  private RealNode(LocalControlPlane plane, Path binaries, Path images, Path run) {
    this.plane = plane;
    this.paths = new NodePaths(binaries, run);
    this.images = images;
  }

  /**
   * Starts a real node on the control plane. Fails with what is missing when this machine cannot
   * run one (not root, no cgroups, binaries or images not built): never skipped silently.
   */
  public static RealNode start(LocalControlPlane plane) {
    Path binaries = plane.binaries().directory().resolve("node");
    Path images = plane.binaries().directory().getParent().getParent().resolve("images");
    requireMachine(binaries, images);
    Path run;
    try {
      run =
          Files.createTempDirectory(
              Files.createDirectories(Path.of("/tmp/stackpilot-node")), "run-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RealNode node = new RealNode(plane, binaries, images, run);
    try {
      node.startAll();
      return node;
    } catch (RuntimeException | IOException e) {
      node.stop();
      throw new IllegalStateException("The real node did not start: " + e.getMessage(), e);
    }
  }

  private static void requireMachine(Path binaries, Path images) {
    List<String> missing = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root (a node creates network devices, mounts and cgroups)");
    }
    if (!Files.isDirectory(Path.of("/sys/fs/cgroup/memory"))
        && !Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
      missing.add("cgroups mounted at /sys/fs/cgroup");
    }
    BINARIES.stream()
        .filter(b -> !Files.isExecutable(binaries.resolve(b)))
        .forEach(b -> missing.add(binaries.resolve(b) + " (make node-binaries)"));
    for (String tool : List.of("/usr/sbin/runc", "/usr/sbin/nft")) {
      if (!Files.isExecutable(Path.of(tool))) {
        missing.add(tool + " (Debian's runc and nftables; make node-binaries installs them)");
      }
    }
    for (String archive :
        List.of(
            "pause.tar",
            "busybox.tar",
            "podinfo.tar",
            "ledger.tar",
            "standin.tar",
            "prometheus.tar")) {
      if (!Files.isRegularFile(images.resolve(archive))) {
        missing.add(images.resolve(archive) + " (make test-images)");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "This machine cannot run a real node; missing: " + String.join("; ", missing));
    }
  }

  /** The archive scripts/operator-image writes beside the test images. */
  public static final String OPERATOR_IMAGE_ARCHIVE = "stackpilot-operator.tar";

  /**
   * Traefik's and oauth2-proxy's archives (scripts/test-images), large enough that the node imports
   * them only for a test that runs them ({@link #importArchive}).
   */
  public static final List<String> EDGE_ARCHIVES = List.of("traefik.tar", "oauth2-proxy.tar");

  private void startAll() throws IOException {
    Instant begin = Instant.now();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    NodeOwner.takeOver();
    kernel = KernelSettings.save();
    log.info("Kernel settings before the node: {}", kernel);
    hostPaths = HostPaths.record();
    NodeOwner.record(paths, hostPaths);
    owner = true;
    network = new NodeNetwork().create();
    writeConfigs();

    containerd =
        launch(
            "containerd",
            List.of(
                paths.binary("containerd").toString(),
                "--config",
                paths.run().resolve("containerd.toml").toString()),
            "PATH",
            paths.binaries() + ":/usr/sbin:/usr/bin:/bin");
    waitFor("containerd's socket", () -> Files.exists(paths.containerdSocket()), containerd);
    importImages();

    Path kubeconfig = plane.kubeconfig();
    ManagedProcess dns =
        launch(
            "coredns",
            List.of(
                paths.binary("coredns").toString(),
                "-conf",
                paths.run().resolve("Corefile").toString()),
            "PATH",
            "/usr/bin:/bin");
    ManagedProcess kubelet =
        launch(
            "kubelet",
            List.of(
                paths.binary("kubelet").toString(),
                "--config=" + paths.run().resolve("kubelet.yaml"),
                "--kubeconfig=" + kubeconfig,
                "--root-dir=" + paths.kubeletRoot(),
                "--cert-dir=" + paths.kubeletRoot().resolve("pki"),
                "--hostname-override=" + NAME,
                "--node-ip=" + NodeNetwork.NODE_IP,
                "--node-labels=" + LABEL + "=real",
                "-v=1"),
            // Without /usr/sbin kubelet finds no iptables and adds no chains of its own.
            "PATH",
            paths.binaries() + ":/usr/bin:/bin");
    try (KubernetesClient client = plane.client()) {
      waitFor("node " + NAME + " Ready", () -> ready(client), kubelet, containerd, dns);
    }
    int proxyHealthz = FreePorts.next();
    ManagedProcess proxy =
        launch(
            "kube-proxy",
            List.of(
                paths.binary("kube-proxy").toString(),
                "--config=" + writeKubeProxyConfig(kubeconfig, proxyHealthz),
                "-v=1"),
            "PATH",
            paths.nftOnly().toString());
    waitFor("kube-proxy /healthz", () -> healthy(proxyHealthz), proxy, kubelet, containerd);
    apiServerForPods = ApiServerForwarder.start(NodeNetwork.NODE_IP, plane.apiServerPort());
    try (KubernetesClient client = plane.client()) {
      KubernetesServiceEndpoints.point(client, NodeNetwork.NODE_IP, apiServerForPods.port());
    }
    startupTime = Duration.between(begin, Instant.now());
    log.info("Real node {} ready in {} ms ({})", NAME, startupTime.toMillis(), paths.run());
  }

  private void writeConfigs() throws IOException {
    Files.createDirectories(paths.cniConf());
    Files.createDirectories(paths.kubeletRoot());
    Files.createDirectories(paths.nftOnly());
    Files.createSymbolicLink(paths.nftOnly().resolve("nft"), Path.of("/usr/sbin/nft"));
    Files.writeString(paths.run().resolve("containerd.toml"), NodeConfigs.containerd(paths));
    Files.writeString(paths.cniConf().resolve("10-stackpilot.conflist"), NodeConfigs.cni(paths));
    Files.writeString(paths.resolvConf(), NodeConfigs.resolvConf());
    Files.writeString(paths.run().resolve("Corefile"), NodeConfigs.corefile(plane.kubeconfig()));
    Files.writeString(
        paths.run().resolve("kubelet.yaml"),
        NodeConfigs.kubelet(paths, FreePorts.next(), FreePorts.next()));
  }

  private Path writeKubeProxyConfig(Path kubeconfig, int healthzPort) throws IOException {
    Path config = paths.run().resolve("kube-proxy.yaml");
    Files.writeString(config, NodeConfigs.kubeProxy(kubeconfig, healthzPort, FreePorts.next()));
    return config;
  }

  /**
   * Every archive scripts/test-images built, into containerd's Kubernetes namespace; the operator's
   * own image only when a test asks for it ({@link #importImage}).
   */
  private void importImages() throws IOException {
    try (Stream<Path> archives = Files.list(images)) {
      for (Path archive :
          archives
              .filter(p -> p.toString().endsWith(".tar"))
              .filter(p -> !p.getFileName().toString().equals(OPERATOR_IMAGE_ARCHIVE))
              .filter(p -> !EDGE_ARCHIVES.contains(p.getFileName().toString()))
              .sorted()
              .toList()) {
        importImage(archive);
      }
    }
  }

  /** An archive scripts/test-images wrote, by its file name, into the node's containerd. */
  public void importArchive(String fileName) {
    Path archive = images.resolve(fileName);
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException(archive + " is missing (make test-images)");
    }
    importImage(archive);
  }

  /** The folder of the images scripts/test-images built, and what it keeps beside them. */
  public Path imagesDirectory() {
    return images;
  }

  /** An image archive (OCI layout) into the node's containerd, as if it had been pulled. */
  public void importImage(Path archive) {
    images("import", archive.toString());
  }

  /**
   * Gives an image the node holds a second name, as a registry would serve the same build under a
   * new tag (a release that changes only the tag).
   */
  public void tagImage(String source, String target) {
    images("tag", "--force", source, target);
  }

  /**
   * A folder on the node for a hostPath volume, owned by {@code uid} as an administrator would
   * prepare it (a hostPath volume takes no fsGroup), inside the node's run folder so that teardown
   * removes it.
   */
  public Path hostDirectory(String name, int uid) {
    Path directory = paths.run().resolve("volumes").resolve(name);
    try {
      Files.createDirectories(directory);
      Files.setAttribute(directory, "unix:uid", uid);
      Files.setAttribute(directory, "unix:gid", uid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return directory;
  }

  /**
   * The node's CSI storage (the hostpath driver and its sidecars), started on first use and stopped
   * with the node. Fails with what is missing when its binaries were not built.
   */
  public synchronized RealStorage storage() {
    if (storage == null) {
      Path csi = paths.binaries().getParent().resolve("csi");
      List<String> missing =
          RealStorage.BINARIES.stream()
              .map(csi::resolve)
              .filter(b -> !Files.isExecutable(b))
              .map(b -> b + " (make csi-binaries)")
              .toList();
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "This machine cannot run the real node's storage; missing: "
                + String.join("; ", missing));
      }
      RealStorage started = new RealStorage(plane, csi, paths.run());
      try {
        started.start(paths.kubeletRoot(), processes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      storage = started;
    }
    return storage;
  }

  /**
   * kube-router enforcing the cluster's NetworkPolicies on the node's pods until the returned agent
   * is closed, which removes its rules again: the node enforces none otherwise, as a cluster
   * without a policy agent does. Fails with what is missing when it was not built.
   */
  public NetworkPolicyAgent enforceNetworkPolicies() {
    return NetworkPolicyAgent.start(paths, plane.kubeconfig(), NodeNetwork.SERVICE_RANGE);
  }

  /** The images the node holds, by name. */
  public List<String> images() {
    return images("list", "--quiet").lines().toList();
  }

  /** {@code ctr images ...} in containerd's Kubernetes namespace. */
  private String images(String... arguments) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            paths.binary("ctr").toString(),
            "--address",
            paths.containerdSocket().toString(),
            "--namespace",
            "k8s.io",
            "images"));
    command.addAll(List.of(arguments));
    return HostCommand.run(command.toArray(String[]::new));
  }

  private static boolean ready(KubernetesClient client) {
    Node node = client.nodes().withName(NAME).get();
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A local process answers 200 on its /healthz at the port. */
  static boolean healthy(int port) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private ManagedProcess launch(String name, List<String> command, String envKey, String envValue)
      throws IOException {
    ManagedProcess process =
        new ManagedProcess(name, command, Map.of(envKey, envValue), paths.run()).start();
    processes.add(process);
    return process;
  }

  private static void waitFor(String what, BooleanSupplier ready, ManagedProcess... watched) {
    StartupWait.until(what, STARTUP_TIMEOUT, ready, watched);
  }

  public Duration startupTime() {
    return startupTime;
  }

  /** The resident memory of each of the node's processes, in KiB, from /proc. */
  public Map<String, Long> residentKib() {
    Map<String, Long> rss = new LinkedHashMap<>();
    for (ManagedProcess p : processes) {
      p.pid().flatMap(RealNode::vmRss).ifPresent(kib -> rss.put(p.name(), kib));
    }
    return rss;
  }

  private static Optional<Long> vmRss(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Packets from pods or Services that the guard stopped from leaving the machine. */
  public long guardDrops() {
    return network.guardDrops();
  }

  /** Tears the node down; fails with what it could not undo, so no test run leaves it unseen. */
  @Override
  public void close() {
    List<String> problems = stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs or ran already.
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The real node was not torn down cleanly: " + problems);
    }
  }

  /**
   * Pods first, through the runtime (so the CNI plugin releases their addresses and devices), then
   * the processes, the shims left without tasks, the mounts, the network and the kernel settings.
   */
  private synchronized List<String> stop() {
    List<String> problems = new ArrayList<>();
    if (storage != null) {
      try {
        storage.deleteClusterObjects();
      } catch (RuntimeException e) {
        problems.add("deleting the storage's cluster objects: " + e.getMessage());
      }
      storage = null;
    }
    if (apiServerForPods != null) {
      try (KubernetesClient client = plane.client()) {
        KubernetesServiceEndpoints.remove(client);
      } catch (RuntimeException e) {
        problems.add("removing the kubernetes Service's endpoints: " + e.getMessage());
      }
      apiServerForPods.close();
      apiServerForPods = null;
    }
    ManagedProcess kubelet =
        processes.stream().filter(p -> p.name().equals("kubelet")).findFirst().orElse(null);
    if (kubelet != null) {
      kubelet.stop(Duration.ofSeconds(10));
      // The Node object would stay behind NotReady, among the fake nodes of later tests.
      try (KubernetesClient client = plane.client()) {
        client.nodes().withName(NAME).delete();
      } catch (RuntimeException e) {
        problems.add("deleting the Node: " + e.getMessage());
      }
    }
    if (containerd != null && containerd.isAlive()) {
      HostCommand.Result removed =
          HostCommand.attempt(
              paths.binary("crictl").toString(),
              "--runtime-endpoint",
              "unix://" + paths.containerdSocket(),
              "--image-endpoint",
              "unix://" + paths.containerdSocket(),
              "rmp",
              "--all",
              "--force");
      if (removed.exitCode() != 0) {
        problems.add("removing the pods: " + removed.output());
      }
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(Duration.ofSeconds(10));
    }
    processes.clear();
    killLeftBehind(problems);
    try {
      HostPaths.unmountUnder(List.of(paths.run()));
    } catch (RuntimeException e) {
      problems.add("unmounting: " + e.getMessage());
    }
    if (network != null) {
      try {
        network.close();
        NodeNetwork.removeKubeProxyTables();
      } catch (RuntimeException e) {
        problems.add("network: " + e.getMessage());
      }
      network = null;
    }
    if (hostPaths != null) {
      try {
        hostPaths.removeWhatWasNotThere();
        hostPaths.removeCgroups();
      } catch (RuntimeException e) {
        problems.add("host paths: " + e.getMessage());
      }
      hostPaths = null;
    }
    if (kernel != null) {
      Map<String, String> restored = kernel.restore();
      if (!restored.isEmpty()) {
        log.info("Restored kernel settings the node changed: {}", restored);
      }
      if (!kernel.changed().isEmpty()) {
        problems.add("kernel settings still changed: " + kernel.changed());
      }
      kernel = null;
    }
    if (Files.exists(paths.run())) {
      try {
        HostPaths.deleteTree(paths.run());
        // The parent of the runs goes too once no run is left in it.
        paths.run().getParent().toFile().delete();
      } catch (RuntimeException e) {
        problems.add("run folder: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      // The record stays, so the next node clears what is left once this process has ended.
      log.warn("The real node was not torn down cleanly: {}", problems);
    } else if (owner) {
      NodeOwner.release();
      owner = false;
    }
    return problems;
  }

  /**
   * Shims whose tasks are gone exit by themselves; any process of the node's binaries still running
   * (found by its binary's path, then stopped by its PID) is a problem, killed and reported.
   */
  private void killLeftBehind(List<String> problems) {
    Instant deadline = Instant.now().plusSeconds(5);
    while (Instant.now().isBefore(deadline)
        && !HostCommand.processesRunningFrom(paths.binaries()).isEmpty()) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    for (ProcessHandle p : HostCommand.processesRunningFrom(paths.binaries())) {
      problems.add("left behind: pid " + p.pid() + " " + p.info().command().orElse(""));
      p.destroyForcibly();
    }
  }
}
