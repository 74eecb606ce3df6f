package io.stackpilot.health;

import static io.stackpilot.health.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The assessor reads a revision's health the way a person reads kubectl output: the kubelet's fault
 * reasons make it unhealthy, every desired pod ready on a rolled-out Deployment makes it healthy,
 * and anything else is still progressing. Pods of other revisions and pods on their way out do not
 * count.
 */
class HealthAssessorTest {

  private static final String REV = "3f2a9c1d0e";
  private static final String OLD = "9c1e2aa0d3";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CrashLoopBackOff",
        "ErrImagePull",
        "ImagePullBackOff",
        "CreateContainerConfigError",
        "InvalidImageName",
        "CreateContainerError",
        "RunContainerError"
      })
  void kubeletFaultReasonMakesTheRevisionUnhealthy(String reason) {
    HealthAssessment health =
        assess(Deployments.runs(REV).readyReplicas(0), pod("app-x1", REV).waiting(reason));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(health.isUnhealthy()).isTrue();
    assertThat(health.isHealthy()).isFalse();
    assertThat(health.reason()).isEqualTo(reason);
    assertThat(health.pods()).containsExactly("app-x1");
    assertThat(health.message()).contains(REV).contains(reason).contains("app-x1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ContainerCreating", "PodInitializing"})
  void ordinaryWaitingWhileStartingIsProgressing(String reason) {
    HealthAssessment health =
        assess(Deployments.runs(REV).readyReplicas(0), pod("app-x1", REV).waiting(reason));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void crashLoopAfterAnOutOfMemoryKillIsOomKilled() {
    PodObservation killed =
        pod("app-x1", REV)
            .with(Pods.waitingContainer("app", "CrashLoopBackOff", Optional.of("OOMKilled")))
            .build(false);

    HealthAssessment health = assess(Deployments.runs(REV).readyReplicas(0), killed);

    assertThat(health.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(health.reason()).as("the cause, not the symptom").isEqualTo("OOMKilled");
    assertThat(health.message()).contains("OOMKilled").contains("app-x1");
  }

  @Test
  void runningButNotReadyAfterAnOutOfMemoryKillIsOomKilled() {
    // Between back-offs the container runs again for a moment; its last termination still tells.
    PodObservation restarted =
        pod("app-x1", REV)
            .with(
                new ContainerObservation(
                    "app", false, 2, Optional.empty(), Optional.of("OOMKilled")))
            .build(false);

    HealthAssessment health = assess(Deployments.runs(REV).readyReplicas(0), restarted);

    assertThat(health.reason()).isEqualTo("OOMKilled");
    assertThat(health.pods()).containsExactly("app-x1");
  }

  @Test
  void containerReadyAgainAfterAnOldOutOfMemoryKillIsFine() {
    PodObservation recovered =
        pod("app-x1", REV)
            .with(
                new ContainerObservation(
                    "app", true, 1, Optional.empty(), Optional.of("OOMKilled")))
            .build(true);

    HealthAssessment health = assess(Deployments.runs(REV), recovered);

    assertThat(health.verdict()).isEqualTo(HealthVerdict.HEALTHY);
  }

  @Test
  void aContainerThatLostItsReadinessMakesTheRevisionUnhealthy() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(2).readyReplicas(1),
            pod("app-x1", REV).ready(),
            pod("app-x2", REV).readinessLost());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(health.reason()).isEqualTo("ReadinessLost");
    assertThat(health.pods()).containsExactly("app-x2");
    assertThat(health.message()).contains("ReadinessLost").contains("app-x2");
  }

  @Test
  void aContainerThatHasNotPassedItsReadinessCheckYetIsStarting() {
    HealthAssessment health =
        assess(Deployments.runs(REV).readyReplicas(0), pod("app-x1", REV).starting());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void otherTerminationReasonsAloneAreNotAFault() {
    PodObservation restarted =
        pod("app-x1", REV)
            .with(new ContainerObservation("app", false, 2, Optional.empty(), Optional.of("Error")))
            .build(false);

    HealthAssessment health = assess(Deployments.runs(REV).readyReplicas(0), restarted);

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void faultInASidecarCountsToo() {
    PodObservation pod =
        pod("app-x1", REV)
            .with(Pods.running("app"))
            .with(Pods.waitingContainer("exporter", "ImagePullBackOff", Optional.empty()))
            .build(false);

    HealthAssessment health = assess(Deployments.runs(REV).readyReplicas(0), pod);

    assertThat(health.reason()).isEqualTo("ImagePullBackOff");
  }

  @Test
  void oneCrashingPodMakesTheRevisionUnhealthyEvenIfOthersAreReady() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(3).readyReplicas(2),
            pod("app-a", REV).ready(),
            pod("app-b", REV).crashLooping(),
            pod("app-c", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(health.pods()).containsExactly("app-b");
  }

  @Test
  void messageNamesEveryPodWithTheReasonAndPodsListsAllFaultyPodsSorted() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(3).readyReplicas(0),
            pod("app-c", REV).crashLooping(),
            pod("app-a", REV).crashLooping(),
            pod("app-b", REV).waiting("ErrImagePull"));

    assertThat(health.reason()).as("the first fault found").isEqualTo("CrashLoopBackOff");
    assertThat(health.message()).contains("app-c").contains("app-a").contains("CrashLoopBackOff");
    assertThat(health.pods()).containsExactly("app-a", "app-b", "app-c");
  }

  @Test
  void podWithTwoFaultyContainersIsListedOnce() {
    PodObservation pod =
        pod("app-x1", REV)
            .with(Pods.waitingContainer("app", "CrashLoopBackOff", Optional.empty()))
            .with(Pods.waitingContainer("exporter", "ImagePullBackOff", Optional.empty()))
            .build(false);

    HealthAssessment health = assess(Deployments.runs(REV).readyReplicas(0), pod);

    assertThat(health.pods()).containsExactly("app-x1");
  }

  @Test
  void crashingPodsOfAnotherRevisionAreIgnored() {
    // During a rollback the failed revision's pods linger; they say nothing about the fallback.
    HealthAssessment health =
        assess(
            Deployments.runs(REV), pod("app-old", OLD).crashLooping(), pod("app-new", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.HEALTHY);
  }

  @Test
  void readyPodsOfAnotherRevisionDoNotMakeThisOneHealthy() {
    HealthAssessment health = assess(Deployments.runs(REV), pod("app-old", OLD).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
    assertThat(health.message()).contains("0/1");
  }

  @Test
  void terminatingPodsAreIgnored() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV),
            pod("app-going", REV)
                .terminating()
                .with(Pods.waitingContainer("app", "CrashLoopBackOff", Optional.empty()))
                .build(false),
            pod("app-x1", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.HEALTHY);
  }

  @Test
  void readyTerminatingPodsDoNotCountAsReady() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(2),
            pod("app-going", REV).terminating().with(Pods.running("app")).build(true),
            pod("app-x1", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void crashingPodsFromBeforeARestartDoNotSpeakForTheRestartedRevision() {
    // The restart is written; the controller has not replaced the crashing pod yet (a slow cluster,
    // or one catching up after an outage): the restart is in progress, not failed.
    String restart = "2026-11-27T14:50:00Z";
    HealthAssessment waiting =
        assess(
            Deployments.runs(REV).restartedAt(restart).readyReplicas(0),
            pod("app-before", REV).crashLooping());
    HealthAssessment replacing =
        assess(
            Deployments.runs(REV).restartedAt(restart).readyReplicas(0),
            pod("app-before", REV).crashLooping(),
            pod("app-after", REV).restartedAt(restart).starting());

    assertThat(waiting.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
    assertThat(replacing.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void restartedPodsAreJudgedAsAnyOther() {
    String restart = "2026-11-27T14:50:00Z";
    HealthAssessment failing =
        assess(
            Deployments.runs(REV).restartedAt(restart).readyReplicas(0),
            pod("app-before", REV).crashLooping(),
            pod("app-after", REV).restartedAt(restart).crashLooping());
    HealthAssessment recovered =
        assess(
            Deployments.runs(REV).restartedAt(restart),
            pod("app-before", REV).crashLooping(),
            pod("app-after", REV).restartedAt(restart).ready());

    assertThat(failing.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(failing.pods()).containsExactly("app-after");
    assertThat(recovered.verdict()).isEqualTo(HealthVerdict.HEALTHY);
  }

  @Test
  void progressDeadlineExceededIsUnhealthyWhenTheDeploymentRunsTheRevision() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(2).progressDeadlineExceeded(),
            pod("app-b", REV).starting(),
            pod("app-a", REV).starting());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(health.reason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(health.message()).contains(REV).contains("0/2");
    assertThat(health.pods()).as("the pods that are not ready").containsExactly("app-a", "app-b");
  }

  @Test
  void podsThatPodSecurityRefusesMakeTheRevisionUnhealthyAtOnceWithTheFix() {
    String refusal =
        "pods \"app-7c9\" is forbidden: violates PodSecurity \"restricted:latest\":"
            + " unrestricted capabilities (container \"app\" must set"
            + " securityContext.capabilities.drop=[\"ALL\"])";

    HealthAssessment health = assess(Deployments.runs(REV).podsRefused(refusal));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.UNHEALTHY);
    assertThat(health.reason()).isEqualTo("PodsRefused");
    assertThat(health.message())
        .contains(REV)
        .contains("violates PodSecurity")
        .contains("pod-security.kubernetes.io/enforce");
  }

  @Test
  void aRefusalThatPassesByItselfLeavesTheRevisionProgressingAndSaysWhy() {
    String quota = "exceeded quota: compute, requested: memory=4Gi, " + "x".repeat(600);

    HealthAssessment health = assess(Deployments.runs(REV).podsRefused(quota));

    assertThat(health.verdict())
        .as("a restart or a rollback would not make room in the quota")
        .isEqualTo(HealthVerdict.PROGRESSING);
    assertThat(health.message())
        .contains("the cluster refuses its pods: exceeded quota")
        .doesNotContain("pod-security");
    assertThat(health.message().length()).as("shortened").isLessThan(520);
  }

  @Test
  void aRefusalOfAnotherRevisionsPodsSaysNothingAboutThisOne() {
    HealthAssessment health =
        HealthAssessor.assess(
            OLD,
            Deployments.runs(REV).podsRefused("violates PodSecurity").observed(),
            List.of(pod("app-old", OLD).starting()));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void progressDeadlineOfTheDeploymentSaysNothingAboutAnotherRevision() {
    HealthAssessment health =
        HealthAssessor.assess(
            OLD,
            Deployments.runs(REV).progressDeadlineExceeded().observed(),
            List.of(pod("app-old", OLD).starting()));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void podFaultIsReportedRatherThanTheDeadlineItCaused() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).progressDeadlineExceeded(),
            pod("app-x1", REV).waiting("ErrImagePull"));

    assertThat(health.reason()).isEqualTo("ErrImagePull");
  }

  @Test
  void rolledOutWithEveryDesiredPodReadyIsHealthy() {
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(2),
            pod("app-a", REV).ready(),
            pod("app-b", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.HEALTHY);
    assertThat(health.isHealthy()).isTrue();
    assertThat(health.reason()).isEqualTo("Healthy");
    assertThat(health.message()).contains(REV).contains("2/2");
    assertThat(health.pods()).isEmpty();
  }

  @Test
  void tooFewReadyPodsSeenIsProgressingEvenIfTheDeploymentSaysRolledOut() {
    // The pod cache can lag behind the Deployment's status.
    HealthAssessment health =
        assess(
            Deployments.runs(REV).replicas(2),
            pod("app-a", REV).ready(),
            pod("app-b", REV).starting());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
    assertThat(health.message()).contains("1/2");
  }

  @Test
  void deploymentNotRolledOutIsProgressingEvenWithEveryPodReady() {
    HealthAssessment health =
        assess(Deployments.runs(REV).readyReplicas(0), pod("app-a", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void templateTheControllerHasNotSeenYetIsProgressing() {
    HealthAssessment health =
        assess(Deployments.runs(REV).templateNotYetObserved(), pod("app-a", REV).ready());

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void revisionTheDeploymentDoesNotRunIsNeverHealthy() {
    HealthAssessment health =
        HealthAssessor.assess(
            OLD, Deployments.runs(REV).observed(), List.of(pod("app-old", OLD).ready()));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
  }

  @Test
  void noPodsYetIsProgressing() {
    HealthAssessment health = assess(Deployments.runs(REV).readyReplicas(0));

    assertThat(health.verdict()).isEqualTo(HealthVerdict.PROGRESSING);
    assertThat(health.reason()).isEqualTo("Progressing");
    assertThat(health.pods()).isEmpty();
  }

  private static HealthAssessment assess(Deployments deployment, PodObservation... pods) {
    return HealthAssessor.assess(REV, deployment.observed(), List.of(pods));
  }
}
