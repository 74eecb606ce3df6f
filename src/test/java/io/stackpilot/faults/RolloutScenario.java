package io.stackpilot.faults;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.TestCluster;
import java.util.Optional;

/** Rollouts of a new image over three replicas, pod by pod (RollingUpdate: no volume to share). */
final class RolloutScenario extends ServiceScenario {

  private static final int REPLICAS = 3;
  private int round;
  private String lastRevision;

  RolloutScenario(TestCluster cluster) {
    super(cluster, "jellyfin");
  }

  @Override
  public String name() {
    return "rollout";
  }

  private static String image(int round) {
    return "lscr.io/linuxserver/jellyfin:10." + round + ".0";
  }

  @Override
  public void setUp() {
    applyRound();
  }

  @Override
  public Optional<String> notSettled() {
    return rolledOut(image(round));
  }

  @Override
  public Work next() {
    lastRevision = read().getStatus().getRevision();
    long before = templateRevision();
    round++;
    String image = image(round);
    applyRound();
    return Work.started(
        name(),
        "image rollout",
        image,
        () -> rolledOut(image),
        () -> {
          verifyExactlyOnce(image, before, 1);
          verifyRemembered(image, read().getStatus().getRevision(), "Healthy");
          verifyRemembered(image, lastRevision, "Healthy");
        });
  }

  private Optional<String> rolledOut(String image) {
    MediaService current = read();
    Optional<String> behind = statusCurrent(current);
    if (behind.isPresent()) {
      return behind;
    }
    if (!"Healthy".equals(current.getStatus().getPhase())
        || !image.equals(current.getStatus().getImage())) {
      return Optional.of(
          "phase " + current.getStatus().getPhase() + " on " + current.getStatus().getImage());
    }
    Deployment deployment = Owned.deployment(cluster, service()).orElseThrow();
    if (!image.equals(Owned.image(deployment))
        || deployment.getStatus().getUpdatedReplicas() == null
        || deployment.getStatus().getUpdatedReplicas() != REPLICAS) {
      return Optional.of("the Deployment has not rolled " + image + " out to every replica");
    }
    if (!Owned.allReadyOn(cluster, service(), image, REPLICAS)) {
      return Optional.of("not all " + REPLICAS + " pods are ready on " + image);
    }
    return judgedHealthy(current);
  }

  private void applyRound() {
    apply(
        """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: jellyfin}
        spec:
          replicas: %d
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 8096}]
          recovery: {failureWindow: 2s, progressDeadline: 60s}
        """
            .formatted(REPLICAS, image(round)));
  }
}
