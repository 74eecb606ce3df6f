package io.stackpilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.testing.TestCluster;
import java.util.Optional;

/**
 * Rollbacks: an upgrade to an image that crashes, which Stackpilot must roll back to the last
 * healthy revision once its failure window is over, then a fix forward to a good image, and so on.
 */
final class RollbackScenario extends ServiceScenario {

  private int round;
  private String goodImage = image(0, false);
  private boolean nextIsBad = true;
  private int announced;
  private int notAnnounced;

  RollbackScenario(TestCluster cluster) {
    super(cluster, "sonarr");
  }

  @Override
  public String name() {
    return "rollback";
  }

  private static String image(int round, boolean crashes) {
    return "lscr.io/linuxserver/sonarr:4.1." + round + (crashes ? "-crashloop" : "");
  }

  @Override
  public void setUp() {
    applyImage(goodImage);
  }

  @Override
  public Optional<String> notSettled() {
    return healthyOn(goodImage);
  }

  @Override
  public Work next() {
    boolean bad = nextIsBad;
    nextIsBad = !nextIsBad;
    round++;
    return bad ? badUpgrade() : fixForward();
  }

  private Work badUpgrade() {
    String good = goodImage;
    String goodRevision = read().getStatus().getRevision();
    String bad = image(round, true);
    long before = templateRevision();
    applyImage(bad);
    return Work.started(
        name(),
        "rollback",
        bad,
        () -> rolledBack(bad, goodRevision, good),
        () -> {
          verifyExactlyOnce(bad, before, 2);
          String failed = quarantined(read(), bad).orElseThrow().getRevision();
          verifyRemembered(bad, failed, "Failed");
          verifyRemembered(bad, goodRevision, "Healthy");
          long events = Owned.events(cluster, service(), "RolledBack", bad);
          assertThat(events)
              .as("rollback %s: RolledBack Events (one rollback, never two)", bad)
              .isLessThanOrEqualTo(1);
          if (events == 1) {
            announced++;
          } else {
            notAnnounced++;
          }
        });
  }

  private Work fixForward() {
    String failedRevision = read().getStatus().getQuarantine().get(0).getRevision();
    String fixed = image(round, false);
    long before = templateRevision();
    applyImage(fixed);
    goodImage = fixed;
    return Work.started(
        name(),
        "fix forward",
        fixed,
        () -> healthyOn(fixed),
        () -> {
          verifyExactlyOnce(fixed, before, 1);
          verifyRemembered(fixed, read().getStatus().getRevision(), "Healthy");
          verifyRemembered(fixed, failedRevision, "Failed");
        });
  }

  private Optional<String> rolledBack(String bad, String goodRevision, String good) {
    MediaService current = read();
    Optional<String> behind = statusCurrent(current);
    if (behind.isPresent()) {
      return behind;
    }
    if (quarantined(current, bad).isEmpty()
        || !"RolledBack".equals(current.getStatus().getPhase())) {
      return Optional.of(
          "phase " + current.getStatus().getPhase() + ", " + bad + " not quarantined");
    }
    if (!goodRevision.equals(current.getStatus().getRevision())
        || !good.equals(Owned.image(Owned.deployment(cluster, service()).orElseThrow()))) {
      return Optional.of("revision " + goodRevision + " (" + good + ") is not back yet");
    }
    return Owned.allReadyOn(cluster, service(), good, 1)
        ? Optional.empty()
        : Optional.of("its pod is not ready on " + good + " yet");
  }

  private Optional<String> healthyOn(String image) {
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
    return Owned.allReadyOn(cluster, service(), image, 1)
        ? judgedHealthy(current)
        : Optional.of("its pod is not ready on " + image + " yet");
  }

  private static Optional<QuarantinedRevision> quarantined(MediaService service, String image) {
    return service.getStatus().getQuarantine() == null
        ? Optional.empty()
        : service.getStatus().getQuarantine().stream()
            .filter(q -> image.equals(q.getImage()))
            .findFirst();
  }

  @Override
  public String tally() {
    return "RolledBack Event written for "
        + announced
        + " of "
        + (announced + notAnnounced)
        + " rollbacks";
  }

  private void applyImage(String image) {
    apply(
        """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: sonarr}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 8989}]
          recovery: {failureWindow: 2s, progressDeadline: 60s}
        """
            .formatted(image));
  }
}
