package io.stackpilot.faults;

import io.stackpilot.devcluster.LocalControlPlane;
import io.stackpilot.testing.OperatorProcess;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator replicas as processes (`stackpilot run --leader-election-namespace`), each signed in as
 * a service account of its own, so the API server's audit log says which replica made which write.
 */
final class Replicas implements AutoCloseable {

  private final TestCluster cluster;
  private final Map<String, OperatorProcess> started = new LinkedHashMap<>();

  Replicas(TestCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts a replica named e.g. replica-a and waits until it runs and bids for the lease; its
   * leader-election identity is that name, a dash and its pid.
   */
  OperatorProcess start(String name) {
    cluster.kubectl("create", "serviceaccount", name).assertSuccess();
    cluster
        .kubectl(
            "create",
            "clusterrolebinding",
            cluster.namespace() + "-" + name,
            "--clusterrole=cluster-admin",
            "--serviceaccount=" + cluster.namespace() + ":" + name)
        .assertSuccess();
    String token =
        cluster.kubectl("create", "token", name, "--duration=2h").assertSuccess().stdout().trim();
    OperatorProcess replica =
        OperatorProcess.start(
            kubeconfig(name, token),
            name,
            List.of(
                "--namespace",
                cluster.namespace(),
                "--leader-election-namespace",
                cluster.namespace()));
    started.put(name, replica);
    return replica.awaitRunning(Duration.ofMinutes(2));
  }

  OperatorProcess get(String name) {
    return started.get(name);
  }

  /** The replica that holds the Lease now, by name, if any. */
  Optional<String> leader() {
    String holder = ServiceQueries.leaseHolder(cluster).orElse(null);
    if (holder == null || holder.isBlank()) {
      return Optional.empty();
    }
    return started.keySet().stream()
        .filter(name -> holder.equals(name + "-" + started.get(name).pid()))
        .findFirst();
  }

  /** The replicas that still run, leader or not. */
  List<String> alive() {
    List<String> alive = new ArrayList<>();
    started.forEach(
        (name, process) -> {
          if (process.isAlive()) {
            alive.add(name);
          }
        });
    return alive;
  }

  /** The audit log names service accounts; this is the user a replica signs in as. */
  String user(String name) {
    return "system:serviceaccount:" + cluster.namespace() + ":" + name;
  }

  private Path kubeconfig(String name, String token) {
    LocalControlPlane plane = cluster.controlPlane();
    var config = plane.config();
    try {
      return Files.writeString(
          plane.runDirectory().resolve(cluster.namespace() + "-" + name + ".kubeconfig"),
          """
          apiVersion: v1
          kind: Config
          clusters:
          - name: local
            cluster: {server: "%s", certificate-authority: "%s"}
          users:
          - name: %s
            user: {token: "%s"}
          contexts:
          - name: local
            context: {cluster: local, user: %s}
          current-context: local
          """
              .formatted(config.getMasterUrl(), config.getCaCertFile(), name, token, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    started.values().forEach(OperatorProcess::close);
  }
}
