package io.stackpilot.devcluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane as local processes: etcd, kube-apiserver (Pod Security admission
 * on, RBAC on), kube-controller-manager, kube-scheduler and KWOK playing the kubelet of a few fake
 * nodes. A stand-in storage driver provisions volumes for claims (see {@link
 * FakeVolumeProvisioner}). All listen on free loopback ports and live in a run folder under the
 * temp folder. Closing it, or the JVM exiting, stops every process it started.
 */
public final class LocalControlPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalControlPlane.class);
  public static final String FAKE_NODE_ANNOTATION = "kwok.x-k8s.io/node";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  private final ControlPlaneBinaries binaries;
  private final ToolVersions versions;
  private final int nodes;
  private final List<String> extraApiServerFlags;
  private final List<String> extraControllerManagerFlags;
  private final boolean auditLog;
  private final List<String> extraSchedulerFlags;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final Thread shutdownHook =
      new Thread(this::stopProcesses, "stackpilot-control-plane-stop");
  private Path runDir;
  private Path kubeconfig;
  private int apiServerPort;
  private ManagedProcess etcd;
  private ManagedProcess apiServer;
  private Duration startupTime;
  private KubernetesClient provisionerClient;
  private FakeVolumeProvisioner provisioner;

  private LocalControlPlane(Builder builder) {
    this.versions = ToolVersions.pinned();
    this.binaries = ControlPlaneBinaries.locate(versions).requireAll();
    this.nodes = builder.nodes;
    this.extraApiServerFlags = List.copyOf(builder.extraApiServerFlags);
    this.extraControllerManagerFlags = List.copyOf(builder.extraControllerManagerFlags);
    this.auditLog = builder.auditLog;
    this.extraSchedulerFlags = List.copyOf(builder.extraSchedulerFlags);
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private int nodes = 3;
    private final List<String> extraApiServerFlags = new ArrayList<>();
    private final List<String> extraControllerManagerFlags = new ArrayList<>();
    private boolean auditLog;
    private final List<String> extraSchedulerFlags = new ArrayList<>();

    public Builder nodes(int count) {
      this.nodes = count;
      return this;
    }

    public Builder apiServerFlag(String flag) {
      extraApiServerFlags.add(flag);
      return this;
    }

    /**
     * A flag for kube-controller-manager, e.g. a higher --kube-api-qps: its client's default (20/s)
     * caps how fast Deployments become pods, which a benchmark would otherwise measure.
     */
    public Builder controllerManagerFlag(String flag) {
      extraControllerManagerFlags.add(flag);
      return this;
    }

    /**
     * Makes the API server keep an audit log of every request at Metadata level (who, with which
     * user agent, which verb on which resource, and the answer; never a body), see {@link
     * #auditLogs()}: how tests prove which requests the operator really made. Off by default, as it
     * costs disk.
     */
    public Builder auditLog(boolean on) {
      this.auditLog = on;
      return this;
    }

    /**
     * A flag for kube-scheduler, e.g. a higher --kube-api-qps: its client's default (50/s) caps how
     * fast a thousand new pods are bound, which a benchmark would otherwise measure.
     */
    public Builder schedulerFlag(String flag) {
      extraSchedulerFlags.add(flag);
      return this;
    }

    public LocalControlPlane start() {
      LocalControlPlane plane = new LocalControlPlane(this);
      try {
        plane.startAll();
        return plane;
      } catch (RuntimeException | IOException e) {
        plane.close();
        throw e instanceof RuntimeException re ? re : new UncheckedIOException((IOException) e);
      }
    }
  }

  private void startAll() throws IOException {
    Instant begin = Instant.now();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    runDir = RunFolders.create();
    log.info("Starting a local control plane (Kubernetes {}) in {}", versions.kubernetes(), runDir);

    int etcdClientPort = FreePorts.next();
    int etcdPeerPort = FreePorts.next();
    apiServerPort = FreePorts.next();
    String adminToken = UUID.randomUUID().toString();
    ServiceAccountKeys keys = ServiceAccountKeys.generate(runDir);
    Path tokens = runDir.resolve("tokens.csv");
    Files.writeString(
        tokens, adminToken + ",stackpilot-admin,stackpilot-admin,\"system:masters\"\n");
    Path certDir = Files.createDirectories(runDir.resolve("apiserver-certs"));

    etcd =
        launch(
            "etcd",
            List.of(
                binaries.path("etcd").toString(),
                "--name=local",
                "--data-dir=" + runDir.resolve("etcd"),
                "--listen-client-urls=http://127.0.0.1:" + etcdClientPort,
                "--advertise-client-urls=http://127.0.0.1:" + etcdClientPort,
                "--listen-peer-urls=http://127.0.0.1:" + etcdPeerPort,
                "--initial-advertise-peer-urls=http://127.0.0.1:" + etcdPeerPort,
                "--initial-cluster=local=http://127.0.0.1:" + etcdPeerPort,
                "--unsafe-no-fsync=true",
                "--log-level=warn"));

    List<String> apiArgs =
        new ArrayList<>(
            List.of(
                binaries.path("kube-apiserver").toString(),
                "--etcd-servers=http://127.0.0.1:" + etcdClientPort,
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiServerPort,
                "--cert-dir=" + certDir,
                "--token-auth-file=" + tokens,
                "--authorization-mode=RBAC",
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + keys.publicKey(),
                "--service-account-signing-key-file=" + keys.privateKey(),
                "--service-cluster-ip-range=10.96.0.0/16",
                "--allow-privileged=true",
                // The kubernetes Service's endpoints would point at the loopback address, which is
                // refused. A real node writes its own, to a forwarder on the node's address, so
                // that
                // its pods reach the API server with their service account tokens.
                "--endpoint-reconciler-type=none",
                // A real node's name is not in any DNS the API server asks: reach kubelets by
                // address.
                "--kubelet-preferred-address-types=InternalIP",
                "--profiling=false",
                "-v=0"));
    if (auditLog) {
      apiArgs.addAll(auditFlags());
    }
    apiArgs.addAll(extraApiServerFlags);
    apiServer = launch("kube-apiserver", apiArgs);

    kubeconfig = runDir.resolve("kubeconfig");
    Files.writeString(kubeconfig, kubeconfigYaml(certDir.resolve("apiserver.crt"), adminToken));
    // The API server writes its certificate a moment after it starts; a client reads it when built.
    waitFor(
        "the API server's certificate",
        () -> Files.exists(certDir.resolve("apiserver.crt")),
        apiServer,
        etcd);
    try (KubernetesClient client = client()) {
      waitFor("kube-apiserver /readyz", () -> "ok".equals(readyz(client)), apiServer, etcd);

      List<String> controllerArgs =
          new ArrayList<>(
              List.of(
                  binaries.path("kube-controller-manager").toString(),
                  "--kubeconfig=" + kubeconfig,
                  "--authentication-kubeconfig=" + kubeconfig,
                  "--authorization-kubeconfig=" + kubeconfig,
                  "--secure-port=0",
                  "--leader-elect=false",
                  "--use-service-account-credentials=false",
                  "--service-account-private-key-file=" + keys.privateKey(),
                  "--root-ca-file=" + servingCa(certDir),
                  "--controllers=*",
                  "-v=0"));
      controllerArgs.addAll(extraControllerManagerFlags);
      ManagedProcess controllers = launch("kube-controller-manager", controllerArgs);
      List<String> schedulerArgs =
          new ArrayList<>(
              List.of(
                  binaries.path("kube-scheduler").toString(),
                  "--kubeconfig=" + kubeconfig,
                  "--authentication-kubeconfig=" + kubeconfig,
                  "--authorization-kubeconfig=" + kubeconfig,
                  "--secure-port=0",
                  "--leader-elect=false",
                  "-v=0"));
      schedulerArgs.addAll(extraSchedulerFlags);
      ManagedProcess scheduler = launch("kube-scheduler", schedulerArgs);
      ManagedProcess kwok =
          launch(
              "kwok",
              List.of(
                  binaries.path("kwok").toString(),
                  "--kubeconfig=" + kubeconfig,
                  "--config=" + writeKwokConfig(),
                  "--manage-all-nodes=false",
                  "--manage-nodes-with-annotation-selector=" + FAKE_NODE_ANNOTATION + "=fake",
                  "--server-address=127.0.0.1:" + FreePorts.next(),
                  "--cidr=10.244.0.0/16",
                  "--node-lease-duration-seconds=40",
                  "--node-ip=127.0.0.1"));

      for (int i = 0; i < nodes; i++) {
        client.nodes().resource(fakeNode("kwok-node-" + i)).create();
      }
      provisionerClient = client();
      provisioner = new FakeVolumeProvisioner(provisionerClient).start();
      waitFor(
          nodes + " Ready nodes",
          () -> readyNodes(client) == nodes,
          apiServer,
          etcd,
          controllers,
          scheduler,
          kwok);
    }
    startupTime = Duration.between(begin, Instant.now());
    log.info(
        "Local control plane ready at https://127.0.0.1:{} in {} ms",
        apiServerPort,
        startupTime.toMillis());
  }

  /**
   * The API server writes its self-signed serving certificate followed by the CA that signed it;
   * the controller manager publishes the root CA to every namespace and wants the CA alone.
   */
  private static Path servingCa(Path certDir) throws IOException {
    String bundle = Files.readString(certDir.resolve("apiserver.crt"));
    int lastBlock = bundle.lastIndexOf("-----BEGIN CERTIFICATE-----");
    Path ca = certDir.resolve("ca.crt");
    Files.writeString(ca, bundle.substring(lastBlock));
    return ca;
  }

  private List<String> auditFlags() throws IOException {
    Path policy = runDir.resolve("audit-policy.yaml");
    try (InputStream in =
        LocalControlPlane.class.getResourceAsStream("/devcluster/audit-policy.yaml")) {
      if (in == null) {
        throw new IllegalStateException(
            "/devcluster/audit-policy.yaml is missing from the classpath");
      }
      Files.write(policy, in.readAllBytes());
    }
    Files.createDirectories(auditDirectory());
    return List.of(
        "--audit-policy-file=" + policy,
        "--audit-log-path=" + auditDirectory().resolve("audit.log"),
        "--audit-log-format=json",
        // Rotated files (audit-<time>.log beside it) are all kept; see auditLogs().
        "--audit-log-maxsize=512",
        "--audit-log-maxbackup=0");
  }

  private Path auditDirectory() {
    return runDir.resolve("audit");
  }

  /**
   * The audit log files, oldest first (rotated ones, then the current one): JSON lines of
   * audit.k8s.io/v1 Events. Empty when the control plane was started without {@code
   * auditLog(true)}.
   */
  public List<Path> auditLogs() {
    if (!auditLog) {
      return List.of();
    }
    try (var files = Files.list(auditDirectory())) {
      // audit.log sorts after audit-<time>.log ('.' > '-'), and the rotated ones sort by their
      // time.
      return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ManagedProcess launch(String name, List<String> command) throws IOException {
    ManagedProcess process = new ManagedProcess(name, command, Map.of(), runDir).start();
    processes.add(process);
    return process;
  }

  private Path writeKwokConfig() throws IOException {
    Path config = runDir.resolve("kwok.yaml");
    try (InputStream stages =
        LocalControlPlane.class.getResourceAsStream("/devcluster/kwok-stages.yaml")) {
      if (stages == null) {
        throw new IllegalStateException(
            "/devcluster/kwok-stages.yaml is missing from the classpath");
      }
      Files.write(config, stages.readAllBytes());
    }
    return config;
  }

  private static Node fakeNode(String name) {
    Map<String, Quantity> capacity =
        Map.of(
            "cpu",
            new Quantity("64"),
            "memory",
            new Quantity("256Gi"),
            "pods",
            new Quantity("500"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations(FAKE_NODE_ANNOTATION, "fake")
        .addToLabels("type", "kwok")
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64")
        .endMetadata()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .endStatus()
        .build();
  }

  private static long readyNodes(KubernetesClient client) {
    return client.nodes().list().getItems().stream()
        .filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null)
        .filter(
            n ->
                n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .count();
  }

  private static String readyz(KubernetesClient client) {
    try {
      return client.raw("/readyz");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Polls until ready; fails early, with the log of the culprit, when a process dies meanwhile. */
  private static void waitFor(String what, BooleanSupplier ready, ManagedProcess... watched) {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (!ready.getAsBoolean()) {
      for (ManagedProcess p : watched) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              p.name()
                  + " exited while waiting for "
                  + what
                  + "; last lines of "
                  + p.log()
                  + ":\n"
                  + p.tail(30));
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Timed out after " + STARTUP_TIMEOUT.toSeconds() + " s waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private String kubeconfigYaml(Path ca, String token) {
    // The API server writes a self-signed serving certificate together with its CA into the cert
    // dir.
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: stackpilot-local
          cluster:
            server: https://127.0.0.1:%d
            certificate-authority: %s
        users:
        - name: stackpilot-admin
          user:
            token: %s
        contexts:
        - name: stackpilot-local
          context:
            cluster: stackpilot-local
            user: stackpilot-admin
        current-context: stackpilot-local
        """
        .formatted(apiServerPort, ca, token);
  }

  /** A new client for this control plane, as the cluster admin. The caller closes it. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  public Config config() {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API server's secure port, on 127.0.0.1. */
  public int apiServerPort() {
    return apiServerPort;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path runDirectory() {
    return runDir;
  }

  public ControlPlaneBinaries binaries() {
    return binaries;
  }

  public ToolVersions versions() {
    return versions;
  }

  public Duration startupTime() {
    return startupTime;
  }

  /** PIDs of the control-plane processes, for measuring their memory. */
  public List<Long> pids() {
    return processes.stream()
        .filter(ManagedProcess::isAlive)
        .flatMap(p -> p.pid().stream())
        .toList();
  }

  /** Stops kube-apiserver and starts it again on the same port and storage, for fault tests. */
  public void restartApiServer() throws IOException {
    stopApiServer();
    startApiServer();
  }

  /**
   * Stops kube-apiserver (SIGTERM, then SIGKILL after 10 s): every client, the controllers and KWOK
   * included, finds the API unreachable until {@link #startApiServer()}. For fault tests.
   */
  public void stopApiServer() {
    apiServer.stop(Duration.ofSeconds(10));
  }

  /**
   * Starts a stopped kube-apiserver again on the same port and storage, and waits until it is
   * ready.
   */
  public void startApiServer() throws IOException {
    apiServer.start();
    awaitApiServerReady("kube-apiserver /readyz after its restart");
  }

  /**
   * Stops etcd and starts it again on the same ports and data; the API server fails requests and
   * ends its watches meanwhile. Returns once the API server is ready again. For fault tests.
   */
  public void restartEtcd() throws IOException {
    etcd.stop(Duration.ofSeconds(10));
    etcd.start();
    awaitApiServerReady("kube-apiserver /readyz after etcd's restart");
  }

  private void awaitApiServerReady(String what) {
    try (KubernetesClient client = client()) {
      waitFor(what, () -> "ok".equals(readyz(client)), apiServer, etcd);
    }
  }

  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
    // A control plane that failed to start keeps its folder: the error message points at its logs.
    if (runDir != null
        && startupTime != null
        && !Boolean.getBoolean("stackpilot.keepControlPlaneLogs")) {
      RunFolders.delete(runDir);
    }
  }

  private synchronized void stopProcesses() {
    if (provisioner != null) {
      provisioner.close();
      provisionerClient.close();
      provisioner = null;
    }
    // Reverse order: the consumers of the API server first, etcd last.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(Duration.ofSeconds(5));
    }
  }
}
