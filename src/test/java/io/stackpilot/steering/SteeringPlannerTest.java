package io.stackpilot.steering;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.api.ServiceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SteeringPlannerTest {

  @Test
  void retryTakesTheNewestQuarantinedRevisionAndANewValueEachTime() {
    ServiceStatus status = quarantined("rev2", "rev1"); // newest first, as status lists them
    assertThat(change(SteeringAction.RETRY, Optional.empty(), Map.of(), status).describe())
        .isEqualTo("stackpilot.io/retry=rev2");
    assertThat(
            change(
                    SteeringAction.RETRY,
                    Optional.empty(),
                    Map.of("stackpilot.io/retry", "rev2"),
                    status)
                .value())
        .contains("rev2.2");
    assertThat(
            change(
                    SteeringAction.RETRY,
                    Optional.empty(),
                    Map.of("stackpilot.io/retry", "rev2.7"),
                    status)
                .value())
        .contains("rev2.8");
    assertThat(
            change(
                    SteeringAction.RETRY,
                    Optional.of("rev1"),
                    Map.of("stackpilot.io/retry", "rev2"),
                    status)
                .value())
        .contains("rev1");
  }

  @Test
  void retryRefusesWhatIsNotQuarantinedAndSaysWhatIs() {
    assertThat(
            SteeringPlanner.plan(
                    SteeringAction.RETRY, Optional.empty(), Map.of(), new ServiceStatus())
                .refusal())
        .contains("no revision is quarantined: nothing to retry");
    assertThat(
            SteeringPlanner.plan(
                    SteeringAction.RETRY, Optional.of("rev9"), Map.of(), quarantined("rev1"))
                .refusal())
        .hasValueSatisfying(why -> assertThat(why).contains("rev9 is not quarantined", "rev1"));
  }

  @Test
  void promotePauseAndAbortNeedABetaRolloutAndPromoteTakesItsRevision() {
    ServiceStatus rolling = betaRollout("beta7");
    assertThat(change(SteeringAction.PROMOTE, Optional.empty(), Map.of(), rolling).describe())
        .isEqualTo("stackpilot.io/promote=beta7");
    assertThat(
            SteeringPlanner.plan(SteeringAction.PROMOTE, Optional.of("other"), Map.of(), rolling)
                .refusal())
        .hasValueSatisfying(why -> assertThat(why).contains("not the beta revision", "beta7"));
    assertThat(change(SteeringAction.PAUSE, Optional.empty(), Map.of(), rolling).describe())
        .isEqualTo("stackpilot.io/pause=true");
    assertThat(change(SteeringAction.ABORT, Optional.empty(), Map.of(), rolling).effect())
        .contains("returns to stable", "beta7 is not blamed");
    for (SteeringAction action :
        List.of(SteeringAction.PROMOTE, SteeringAction.PAUSE, SteeringAction.ABORT)) {
      assertThat(
              SteeringPlanner.plan(action, Optional.empty(), Map.of(), new ServiceStatus())
                  .refusal())
          .as("%s", action)
          .contains("no beta rollout is in progress (status.rollout shows none under way)");
    }
    ServiceStatus promoted = betaRollout("beta7");
    promoted.getRollout().setState("Promoted");
    assertThat(
            SteeringPlanner.plan(SteeringAction.PAUSE, Optional.empty(), Map.of(), promoted)
                .refusal())
        .as("a finished rollout")
        .isPresent();
  }

  @Test
  void resumeRemovesThePauseOnlyWhenThereIsOne() {
    AnnotationChange resume =
        change(
            SteeringAction.RESUME,
            Optional.empty(),
            Map.of("stackpilot.io/pause", "true"),
            betaRollout("beta7"));
    assertThat(resume.describe()).isEqualTo("stackpilot.io/pause-");
    assertThat(
            SteeringPlanner.plan(
                    SteeringAction.RESUME, Optional.empty(), Map.of(), betaRollout("beta7"))
                .refusal())
        .contains("the beta rollout is not paused: nothing to resume");
  }

  @Test
  void gitOpsToolsAreKnownByTheirMarks() {
    assertThat(
            GitOpsOwner.of(
                Map.of(
                    "kustomize.toolkit.fluxcd.io/name", "apps",
                    "kustomize.toolkit.fluxcd.io/namespace", "flux-system"),
                Map.of()))
        .contains("Flux Kustomization flux-system/apps");
    assertThat(GitOpsOwner.of(Map.of("helm.toolkit.fluxcd.io/name", "media"), null))
        .contains("Flux HelmRelease ?/media");
    assertThat(
            GitOpsOwner.of(
                Map.of(),
                Map.of(
                    "argocd.argoproj.io/tracking-id",
                    "homelab:stackpilot.io/MediaService:media/sonarr")))
        .contains("Argo CD Application homelab");
    assertThat(GitOpsOwner.of(Map.of("app.kubernetes.io/instance", "sonarr"), Map.of()))
        .as("the instance label alone is Stackpilot's own, not a GitOps mark")
        .isEmpty();
  }

  private static AnnotationChange change(
      SteeringAction action,
      Optional<String> revision,
      Map<String, String> annotations,
      ServiceStatus status) {
    SteeringPlan plan = SteeringPlanner.plan(action, revision, annotations, status);
    assertThat(plan.refusal()).as("refused").isEmpty();
    return plan.change().orElseThrow();
  }

  private static ServiceStatus quarantined(String... revisions) {
    ServiceStatus status = new ServiceStatus();
    List<QuarantinedRevision> quarantine =
        java.util.Arrays.stream(revisions)
            .map(
                r -> {
                  QuarantinedRevision q = new QuarantinedRevision();
                  q.setRevision(r);
                  q.setImage("sonarr:" + r);
                  return q;
                })
            .toList();
    status.setQuarantine(quarantine);
    return status;
  }

  private static ServiceStatus betaRollout(String revision) {
    RolloutStatus rollout = new RolloutStatus();
    rollout.setChannel("beta");
    rollout.setRevision(revision);
    rollout.setStage("limited");
    rollout.setState("Progressing");
    ServiceStatus status = new ServiceStatus();
    status.setRollout(rollout);
    return status;
  }
}
