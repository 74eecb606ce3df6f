package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.devcluster.LocalControlPlane;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A local control plane of a test class's own, for tests that stop or restart its parts (the API
 * server, etcd) or start it with flags the shared one lacks (an audit log): the shared plane of the
 * other tests is never touched. About 640 MiB while it runs; close it in @AfterAll.
 */
public final class OwnControlPlane implements AutoCloseable {

  private final LocalControlPlane plane;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private OwnControlPlane(LocalControlPlane plane) {
    this.plane = plane;
  }

  public static OwnControlPlane start() {
    return start(UnaryOperator.identity());
  }

  /** With extra settings, e.g. {@code b -> b.apiServerFlag("--audit-log-path=...")}. */
  public static OwnControlPlane start(UnaryOperator<LocalControlPlane.Builder> settings) {
    return new OwnControlPlane(settings.apply(LocalControlPlane.builder()).start());
  }

  public LocalControlPlane plane() {
    return plane;
  }

  /**
   * A fresh namespace on this plane, with kubectl, helm and the CRDs as a shared-plane test has
   * them.
   */
  public TestCluster newNamespace(String prefix) {
    String namespace =
        prefix.toLowerCase(Locale.ROOT)
            + "-"
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    KubernetesClient client = plane.client();
    clients.add(client);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    TestCluster cluster = new TestCluster(plane, client, namespace);
    cluster.installCrds();
    return cluster;
  }

  @Override
  public void close() {
    clients.forEach(KubernetesClient::close);
    plane.close();
  }
}
