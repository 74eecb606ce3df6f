package io.stackpilot.faults;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.TestCluster;
import java.util.Optional;

/**
 * Reconciles of a configuration change: each round writes a new value into the service's config,
 * which gives a new content-addressed ConfigMap, a new pod template and a prune of the old
 * ConfigMap.
 */
final class ReconcileScenario extends ServiceScenario {

  private static final String IMAGE = "lscr.io/linuxserver/bazarr:1.5.1";
  private int round;
  private String lastRevision;

  ReconcileScenario(TestCluster cluster) {
    super(cluster, "bazarr");
  }

  @Override
  public String name() {
    return "reconcile";
  }

  @Override
  public void setUp() {
    applyRound();
  }

  @Override
  public Optional<String> notSettled() {
    return applied(Integer.toString(round));
  }

  @Override
  public Work next() {
    lastRevision = read().getStatus().getRevision();
    long before = templateRevision();
    round++;
    String value = Integer.toString(round);
    applyRound();
    String change = "config ROUND=" + value;
    return Work.started(
        name(),
        "config change",
        change,
        () -> applied(value),
        () -> {
          verifyExactlyOnce(change, before, 1);
          verifyRemembered(change, read().getStatus().getRevision(), "Healthy");
          verifyRemembered(change, lastRevision, "Healthy");
        });
  }

  private Optional<String> applied(String value) {
    MediaService current = read();
    Optional<String> behind = statusCurrent(current);
    if (behind.isPresent()) {
      return behind;
    }
    if (!"Healthy".equals(current.getStatus().getPhase())
        || !current.getStatus().getDesiredRevision().equals(current.getStatus().getRevision())) {
      return Optional.of(
          "phase "
              + current.getStatus().getPhase()
              + ", live "
              + current.getStatus().getRevision()
              + ", desired "
              + current.getStatus().getDesiredRevision());
    }
    Deployment deployment = Owned.deployment(cluster, service()).orElseThrow();
    String mounted =
        deployment
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnvFrom()
            .get(0)
            .getConfigMapRef()
            .getName();
    String live =
        cluster
            .client()
            .configMaps()
            .inNamespace(cluster.namespace())
            .withName(mounted)
            .get()
            .getData()
            .get("ROUND");
    if (!value.equals(live)) {
      return Optional.of("the mounted ConfigMap " + mounted + " has ROUND=" + live);
    }
    if (!Owned.allReadyOn(cluster, service(), IMAGE, 1)) {
      return Optional.of("its one pod is not ready yet");
    }
    return judgedHealthy(current);
  }

  private void applyRound() {
    apply(
        """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: bazarr}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 6767}]
          config: {ROUND: "%d"}
          recovery: {failureWindow: 2s, progressDeadline: 60s}
        """
            .formatted(IMAGE, round));
  }
}
