package io.stackpilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.testing.TestCluster;
import java.util.Optional;

/**
 * What the four scenarios share: applying a spec as a user does, and the checks every change must
 * pass.
 */
abstract class ServiceScenario implements Scenario {

  protected final TestCluster cluster;
  private final String service;

  protected ServiceScenario(TestCluster cluster, String service) {
    this.cluster = cluster;
    this.service = service;
  }

  @Override
  public String service() {
    return service;
  }

  protected void apply(String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  protected MediaService read() {
    return Owned.service(cluster, service);
  }

  protected long templateRevision() {
    return Owned.templateRevision(cluster, service);
  }

  /**
   * The status has caught up with the spec: observed, and the live revision is the one it reports.
   */
  protected Optional<String> statusCurrent(MediaService current) {
    ServiceStatus status = current.getStatus();
    if (status == null
        || !current.getMetadata().getGeneration().equals(status.getObservedGeneration())) {
      return Optional.of(
          "status has not observed generation " + current.getMetadata().getGeneration());
    }
    return Optional.empty();
  }

  /**
   * Recovery has judged the live revision healthy (the phase alone may say Healthy a moment
   * earlier, from the Deployment's rollout, before the pods' readiness reached the operator).
   */
  protected Optional<String> judgedHealthy(MediaService current) {
    String live = current.getStatus().getRevision();
    return live != null && live.equals(current.getStatus().getLastHealthyRevision())
        ? Optional.empty()
        : Optional.of(
            "revision "
                + live
                + " not judged healthy yet (last healthy "
                + current.getStatus().getLastHealthyRevision()
                + ")");
  }

  /**
   * What must hold after every change, however many kills it took: each action once, nothing left
   * over.
   */
  protected void verifyExactlyOnce(String change, long templateRevisionBefore, long newTemplates) {
    MediaService current = read();
    assertThat(templateRevision() - templateRevisionBefore)
        .as(
            "%s %s: new pod templates of Deployment %s (a duplicate rollout, restart or rollback adds one)",
            name(), change, service())
        .isEqualTo(newTemplates);
    assertThat(Owned.duplicateHistory(current))
        .as("%s %s: revisions recorded twice in history", name(), change)
        .isEmpty();
    assertThat(Owned.duplicateQuarantine(current))
        .as("%s %s: revisions quarantined twice", name(), change)
        .isEmpty();
    Integer restarts =
        current.getStatus().getRecovery() == null
            ? null
            : current.getStatus().getRecovery().getRestarts();
    assertThat(restarts == null ? 0 : restarts)
        .as(
            "%s %s: restarts of a healthy revision (a kill must never look like a failing app)",
            name(), change)
        .isZero();
    assertThat(Owned.orphanConfigMaps(cluster, service()))
        .as("%s %s: ConfigMaps nothing mounts or remembers", name(), change)
        .isEmpty();
  }

  /** The history still names the revision: no kill may lose what a rollback needs. */
  protected void verifyRemembered(String change, String revision, String result) {
    assertThat(read().getStatus().getHistory())
        .as("%s %s: history entry of revision %s", name(), change, revision)
        .anySatisfy(
            entry -> {
              assertThat(entry.getRevision()).isEqualTo(revision);
              assertThat(entry.getResult()).isEqualTo(result);
            });
  }
}
