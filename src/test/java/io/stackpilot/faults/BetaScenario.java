package io.stackpilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.testing.TestCluster;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Beta stages: a three-replica service goes to a new beta image through a canary (34 %, 67 %, 100
 * %), which either passes every stage and is promoted or crashes and falls back to stable; then it
 * returns to the stable channel. Which betas crash is drawn from the seeded random.
 */
final class BetaScenario extends ServiceScenario {

  private static final String STABLE = "grafana/grafana:12.1.0";
  private static final int REPLICAS = 3;
  private final Random random;
  private int round;
  private boolean onBeta;
  private boolean promoted;
  private int promotions;
  private int fallbacks;
  private int notAnnounced;

  BetaScenario(TestCluster cluster, Random random) {
    super(cluster, "grafana");
    this.random = random;
  }

  @Override
  public String name() {
    return "beta stage";
  }

  @Override
  public void setUp() {
    applyChannel("stable", betaImage(0, false));
  }

  @Override
  public Optional<String> notSettled() {
    return backOnStable();
  }

  private static String betaImage(int round, boolean crashes) {
    return "grafana/grafana:12.3." + round + "-beta" + (crashes ? "-crashloop" : "");
  }

  @Override
  public Work next() {
    long before = templateRevision();
    if (onBeta) {
      onBeta = false;
      long expected = promoted ? 1 : 0;
      applyChannel("stable", betaImage(round, false));
      return Work.started(
          name(),
          "back to stable",
          STABLE,
          this::backOnStable,
          () -> verifyExactlyOnce("back to stable", before, expected));
    }
    onBeta = true;
    round++;
    boolean crashes = random.nextInt(3) == 0;
    String beta = betaImage(round, crashes);
    applyChannel("beta", beta);
    promoted = !crashes;
    if (crashes) {
      return Work.started(
          name(),
          "beta fallback",
          beta,
          () -> fellBack(beta),
          () -> {
            verifyExactlyOnce(beta, before, 0);
            countAnnouncement("BetaFailed", beta);
            fallbacks++;
          });
    }
    return Work.started(
        name(),
        "beta promotion",
        beta,
        () -> promotedTo(beta),
        () -> {
          verifyExactlyOnce(beta, before, 1);
          countAnnouncement("BetaPromoted", beta);
          promotions++;
        });
  }

  private void countAnnouncement(String reason, String beta) {
    long events = Owned.events(cluster, service(), reason, beta);
    assertThat(events)
        .as("%s %s: %s Events (one per rollout, never two)", name(), beta, reason)
        .isLessThanOrEqualTo(1);
    if (events == 0) {
      notAnnounced++;
    }
  }

  private Optional<String> promotedTo(String beta) {
    MediaService current = read();
    Optional<String> behind = statusCurrent(current);
    if (behind.isPresent()) {
      return behind;
    }
    RolloutStatus rollout = current.getStatus().getRollout();
    if (rollout == null
        || !"Promoted".equals(rollout.getState())
        || !beta.equals(current.getStatus().getImage())) {
      return Optional.of(
          "rollout " + (rollout == null ? "none" : rollout.getStage() + "/" + rollout.getState()));
    }
    return mainOnly(beta);
  }

  private Optional<String> fellBack(String beta) {
    MediaService current = read();
    Optional<String> behind = statusCurrent(current);
    if (behind.isPresent()) {
      return behind;
    }
    RolloutStatus rollout = current.getStatus().getRollout();
    boolean quarantined =
        current.getStatus().getQuarantine() != null
            && current.getStatus().getQuarantine().stream()
                .anyMatch(q -> beta.equals(q.getImage()));
    if (rollout == null || !"Failed".equals(rollout.getState()) || !quarantined) {
      return Optional.of(
          "rollout "
              + (rollout == null ? "none" : rollout.getStage() + "/" + rollout.getState())
              + (quarantined ? "" : ", beta not quarantined"));
    }
    return mainOnly(STABLE);
  }

  private Optional<String> backOnStable() {
    MediaService current = read();
    Optional<String> behind = statusCurrent(current);
    if (behind.isPresent()) {
      return behind;
    }
    if (current.getStatus().getRollout() != null
        || !"Healthy".equals(current.getStatus().getPhase())) {
      return Optional.of("phase " + current.getStatus().getPhase() + ", rollout still reported");
    }
    return mainOnly(STABLE);
  }

  /** All pods on the service's own Deployment, on the image, and no canary left behind. */
  private Optional<String> mainOnly(String image) {
    if (!Owned.deployments(cluster, service()).equals(List.of(service()))) {
      return Optional.of(
          "Deployments " + Owned.deployments(cluster, service()) + ", the canary is still there");
    }
    Deployment main = Owned.deployment(cluster, service()).orElseThrow();
    if (!image.equals(Owned.image(main)) || main.getSpec().getReplicas() != REPLICAS) {
      return Optional.of(
          "the Deployment runs " + main.getSpec().getReplicas() + " x " + Owned.image(main));
    }
    return Owned.allReadyOn(cluster, service(), image, REPLICAS)
        ? Optional.empty()
        : Optional.of("not all " + REPLICAS + " pods are ready on " + image);
  }

  @Override
  public String tally() {
    return promotions
        + " promoted, "
        + fallbacks
        + " fell back; announcement missing for "
        + notAnnounced;
  }

  private void applyChannel(String channel, String beta) {
    apply(
        """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: grafana}
        spec:
          channel: %s
          replicas: %d
          channels:
            stable: {image: %s}
            beta: {image: %s}
          ports: [{name: http, port: 3000}]
          recovery: {failureWindow: 2s, progressDeadline: 60s}
          betaRollout:
            stages:
              - {name: limited, percent: 34, soak: 1s}
              - {name: extended, percent: 67, soak: 1s}
              - {name: open, percent: 100, soak: 1s}
        """
            .formatted(channel, REPLICAS, STABLE, beta));
  }
}
