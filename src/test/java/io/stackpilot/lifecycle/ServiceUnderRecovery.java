package io.stackpilot.lifecycle;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RecoveryStatus;
import io.stackpilot.api.RollbackPolicy;
import io.stackpilot.config.RecoverySettings;
import io.stackpilot.health.HealthAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One service as the recovery decider sees it over many reconciles, on a clock the test moves by
 * hand.
 *
 * <p>Between two decisions it carries over exactly what the reconciler carries over, and in the
 * same form: status (recovery state, quarantine, last healthy revision, written as the API objects
 * and read back) and the revision history (a revision is recorded when it becomes the target). So
 * every scenario here also proves that a restarted operator, which has nothing but status, resumes
 * exactly.
 *
 * <p>The Deployment changes only when the test says so ({@link #goesLive()}), so a test can also
 * play a stale cache or an operator that died between recording a rollback and carrying it out.
 */
final class ServiceUnderRecovery {

  static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  /** The documented defaults: roll back by itself, 2m failure window, 3 restarts per 30m. */
  static final RecoverySettings AUTOMATIC =
      new RecoverySettings(
          RollbackPolicy.AUTOMATIC,
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          3,
          Duration.ofMinutes(30));

  private RecoverySettings settings = AUTOMATIC;
  private Instant now = T0;
  private DesiredRevision desired;
  private Optional<String> live = Optional.empty();
  private final Map<String, String> images = new HashMap<>();
  private HealthAssessment health = Health.progressing();
  private Optional<String> retry = Optional.empty();

  // What status and the history ConfigMap remember between reconciles.
  private RecoveryStatus recovery;
  private String lastHealthy;
  private List<QuarantinedRevision> quarantine = List.of();
  private final Set<String> history = new LinkedHashSet<>();

  private RecoveryDecision last;
  private final List<Notice> allNotices = new ArrayList<>();

  private ServiceUnderRecovery() {}

  /** A service just created: nothing is live and status is empty. */
  static ServiceUnderRecovery created(String revision, String image) {
    return new ServiceUnderRecovery().wants(revision, image);
  }

  /** A service whose first revision was applied and became healthy, the usual starting point. */
  static ServiceUnderRecovery healthyOn(String revision, String image) {
    return healthyOn(revision, image, AUTOMATIC);
  }

  static ServiceUnderRecovery healthyOn(String revision, String image, RecoverySettings settings) {
    ServiceUnderRecovery service = created(revision, image).with(settings);
    service.decide();
    service.goesLive().becomes(Health.healthy()).decide();
    service.allNotices.clear();
    return service;
  }

  ServiceUnderRecovery with(RecoverySettings recoverySettings) {
    this.settings = recoverySettings;
    return this;
  }

  /** The spec changes (or is first written): it asks for this revision. */
  ServiceUnderRecovery wants(String revision, String image) {
    images.put(revision, image);
    desired = new DesiredRevision(revision, "stable", image, 1);
    return this;
  }

  /** The reconciler applied the last decision's target; new pods start, so it is progressing. */
  ServiceUnderRecovery goesLive() {
    return deploymentRuns(last.target());
  }

  ServiceUnderRecovery deploymentRuns(String revision) {
    live = Optional.of(revision);
    health = Health.progressing();
    return this;
  }

  ServiceUnderRecovery becomes(HealthAssessment assessment) {
    health = assessment;
    return this;
  }

  ServiceUnderRecovery after(Duration elapsed) {
    now = now.plus(elapsed);
    return this;
  }

  ServiceUnderRecovery afterSeconds(long seconds) {
    return after(Duration.ofSeconds(seconds));
  }

  ServiceUnderRecovery at(Instant instant) {
    now = instant;
    return this;
  }

  /** The user sets (or changes) the stackpilot.io/retry annotation. */
  ServiceUnderRecovery annotatedRetry(String value) {
    retry = Optional.of(value);
    return this;
  }

  /** The history no longer holds this revision (it fell off the end, or the ConfigMap was lost). */
  ServiceUnderRecovery forgetsHistoryOf(String revision) {
    history.remove(revision);
    return this;
  }

  RecoveryInput input() {
    return new RecoveryInput(
        desired,
        live,
        live.map(images::get),
        health,
        Optional.ofNullable(lastHealthy),
        quarantine,
        RecoveryState.from(recovery),
        Set.copyOf(history),
        settings,
        retry,
        now);
  }

  /** One reconcile: decide, then remember what the reconciler would write to status and history. */
  RecoveryDecision decide() {
    last = RecoveryDecider.decide(input());
    recovery = last.state().toStatus();
    lastHealthy = last.lastHealthyRevision().orElse(null);
    quarantine = List.copyOf(last.quarantine());
    if (last.target().equals(desired.revision())) {
      history.add(desired.revision());
    }
    allNotices.addAll(last.notices());
    return last;
  }

  Instant now() {
    return now;
  }

  RecoveryState state() {
    return RecoveryState.from(recovery);
  }

  List<Notice> noticesSoFar() {
    return List.copyOf(allNotices);
  }

  long noticesSoFar(String reason) {
    return allNotices.stream().filter(n -> n.reason().equals(reason)).count();
  }
}
