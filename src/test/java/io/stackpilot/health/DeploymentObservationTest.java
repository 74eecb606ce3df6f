package io.stackpilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/**
 * What the assessor needs from a Deployment: revision, image, rollout counts, and its conditions.
 */
class DeploymentObservationTest {

  @Test
  void readsRevisionImageChannelAndCounts() {
    DeploymentObservation observed = DeploymentObservation.of(deployment(2, 2, 2, 2, "True", null));

    assertThat(observed.revision()).isEqualTo("3f2a9c1d0e");
    assertThat(observed.image()).isEqualTo("app:1");
    assertThat(observed.channel()).isEqualTo("beta");
    assertThat(observed.desiredReplicas()).isEqualTo(2);
    assertThat(observed.readyReplicas()).isEqualTo(2);
    assertThat(observed.available()).isTrue();
    assertThat(observed.progressDeadlineExceeded()).isFalse();
    assertThat(observed.rolledOut()).isTrue();
  }

  @Test
  void readsWhichRestartOfTheRevisionItsTemplateCarries() {
    Deployment restarted =
        new DeploymentBuilder(deployment(1, 1, 1, 1, "True", null))
            .editSpec()
            .editTemplate()
            .editMetadata()
            .addToAnnotations("stackpilot.io/restartedAt", "2026-11-27T14:50:00Z")
            .endMetadata()
            .endTemplate()
            .endSpec()
            .build();

    assertThat(DeploymentObservation.of(restarted).restartedAt()).isEqualTo("2026-11-27T14:50:00Z");
    assertThat(DeploymentObservation.of(deployment(1, 1, 1, 1, "True", null)).restartedAt())
        .isEmpty();
  }

  @Test
  void progressingFalseForTheDeadlineIsProgressDeadlineExceeded() {
    DeploymentObservation observed =
        DeploymentObservation.of(deployment(2, 0, 0, 0, "False", "ProgressDeadlineExceeded"));

    assertThat(observed.progressDeadlineExceeded()).isTrue();
    assertThat(observed.available()).isFalse();
    assertThat(observed.rolledOut()).isFalse();
  }

  @Test
  void progressingFalseForAnotherReasonIsNotTheDeadline() {
    assertThat(
            DeploymentObservation.of(deployment(2, 0, 0, 0, "False", "ReplicaSetCreateError"))
                .progressDeadlineExceeded())
        .isFalse();
  }

  @Test
  void rolledOutNeedsTheTemplateObservedAndEveryPodUpdatedReadyAndAvailable() {
    assertThat(DeploymentObservation.of(deployment(2, 1, 2, 2, "True", null)).rolledOut())
        .as("one pod not updated")
        .isFalse();
    assertThat(DeploymentObservation.of(deployment(2, 2, 1, 2, "True", null)).rolledOut())
        .as("one pod not ready")
        .isFalse();
    assertThat(DeploymentObservation.of(deployment(2, 2, 2, 1, "True", null)).rolledOut())
        .as("one pod not available")
        .isFalse();
    Deployment unobserved =
        new DeploymentBuilder(deployment(2, 2, 2, 2, "True", null))
            .editStatus()
            .withObservedGeneration(2L)
            .endStatus()
            .build();
    assertThat(DeploymentObservation.of(unobserved).rolledOut())
        .as("new template not seen yet")
        .isFalse();
  }

  @Test
  void deploymentWithoutStatusIsNotRolledOut() {
    Deployment fresh =
        new DeploymentBuilder(deployment(1, 1, 1, 1, "True", null)).withStatus(null).build();

    DeploymentObservation observed = DeploymentObservation.of(fresh);

    assertThat(observed.rolledOut()).isFalse();
    assertThat(observed.available()).isFalse();
    assertThat(observed.readyReplicas()).isZero();
  }

  private static Deployment deployment(
      int replicas,
      int updated,
      int ready,
      int available,
      String progressing,
      String progressingReason) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("app")
        .withGeneration(3L)
        .addToAnnotations("stackpilot.io/channel", "beta")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("stackpilot.io/revision", "3f2a9c1d0e")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("app:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(3L)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withAvailableReplicas(available)
        .addNewCondition()
        .withType("Available")
        .withStatus(available >= replicas ? "True" : "False")
        .endCondition()
        .addNewCondition()
        .withType("Progressing")
        .withStatus(progressing)
        .withReason(progressingReason)
        .endCondition()
        .endStatus()
        .build();
  }
}
