package io.stackpilot.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.devcluster.LocalControlPlane;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an integration test gets: the shared local control plane, a namespace of its own, an admin
 * client, and kubectl and helm pointed at the cluster with that namespace as their default.
 */
public final class TestCluster {

  private final LocalControlPlane controlPlane;
  private final KubernetesClient client;
  private final String namespace;
  private final CommandLine kubectl;
  private final CommandLine helm;

  TestCluster(LocalControlPlane controlPlane, KubernetesClient client, String namespace) {
    this.controlPlane = controlPlane;
    this.client = client;
    this.namespace = namespace;
    String helmHome = controlPlane.runDirectory().resolve("helm").toString();
    Map<String, String> env =
        Map.of(
            "KUBECONFIG", controlPlane.kubeconfig().toString(),
            "HELM_CACHE_HOME", helmHome + "/cache",
            "HELM_CONFIG_HOME", helmHome + "/config",
            "HELM_DATA_HOME", helmHome + "/data");
    this.kubectl =
        new CommandLine(controlPlane.binaries().path("kubectl"), env, Duration.ofSeconds(60));
    this.helm = new CommandLine(controlPlane.binaries().path("helm"), env, Duration.ofSeconds(120));
  }

  /**
   * Installs crds/ as a user would (kubectl apply), once per JVM, and waits until they are
   * Established.
   */
  public void installCrds() {
    Crds.installOnce(this);
  }

  /** Starts the operator for this test's namespace, with the CRDs installed; close it when done. */
  public RunningOperator startOperator() {
    return startOperator(java.time.Duration.ofMinutes(10));
  }

  public RunningOperator startOperator(java.time.Duration resyncPeriod) {
    Crds.installOnce(this);
    return new RunningOperator(this, resyncPeriod);
  }

  /** One of several operator replicas that elect a leader; {@code identity} names the replica. */
  public RunningOperator startReplica(String identity) {
    Crds.installOnce(this);
    return new RunningOperator(this, java.time.Duration.ofMinutes(10), identity);
  }

  /**
   * `stackpilot run` in a process of its own for this test's namespace, with the CRDs installed;
   * the extra arguments follow (e.g. --leader-election-namespace). Close it to kill it.
   */
  public OperatorProcess startOperatorProcess(String name, String... extraArguments) {
    Crds.installOnce(this);
    List<String> arguments = new ArrayList<>(List.of("--namespace", namespace));
    arguments.addAll(List.of(extraArguments));
    return OperatorProcess.start(controlPlane.kubeconfig(), name, arguments);
  }

  /**
   * Whether the API server's port takes connections: asked of the socket, because a client would
   * retry for a long time instead of saying.
   */
  public boolean apiServerReachable() {
    URI server = URI.create(controlPlane.config().getMasterUrl());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public LocalControlPlane controlPlane() {
    return controlPlane;
  }

  public KubernetesClient client() {
    return client;
  }

  public String namespace() {
    return namespace;
  }

  /** kubectl in the test's namespace. */
  public CommandResult kubectl(String... args) {
    return kubectl.run(withNamespace(args));
  }

  /**
   * kubectl in the test's namespace, with the given text on standard input (for {@code apply -f
   * -}).
   */
  public CommandResult kubectlWithInput(String stdin, String... args) {
    return kubectl.runWithInput(stdin, withNamespace(args));
  }

  /** helm in the test's namespace. */
  public CommandResult helm(String... args) {
    return helm.run(withNamespace(args));
  }

  private String[] withNamespace(String[] args) {
    String[] all = new String[args.length + 2];
    all[0] = "--namespace";
    all[1] = namespace;
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }
}
