package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which updates of rendered Deployments and pods wake their service. */
class HealthChangedTest {

  private final HealthChanged<Deployment> deployments = HealthChanged.ofDeployments();
  private final HealthChanged<Pod> pods = HealthChanged.ofPods();

  @Test
  void aDeploymentConditionChangingOnlyItsReasonWakesNothing() {
    Deployment before = deployment(1, 0, "NewReplicaSetCreated");
    Deployment after = deployment(1, 0, "ReplicaSetUpdated");

    assertThat(deployments.accept(after, before)).isFalse();
  }

  @Test
  void aDeploymentTurningAvailableWakesTheService() {
    assertThat(
            deployments.accept(
                deployment(1, 1, "NewReplicaSetAvailable"), deployment(1, 0, "ReplicaSetUpdated")))
        .isTrue();
  }

  @Test
  void aDeploymentSomeoneEditedWakesTheService() {
    Deployment before = deployment(1, 1, "NewReplicaSetAvailable");
    Deployment edited = deployment(1, 1, "NewReplicaSetAvailable");
    edited.getMetadata().setGeneration(2L);

    assertThat(deployments.accept(edited, before)).isTrue();

    Deployment relabelled = deployment(1, 1, "NewReplicaSetAvailable");
    relabelled.getMetadata().setLabels(Map.of("team", "media"));
    assertThat(deployments.accept(relabelled, before)).isTrue();
  }

  @Test
  void aPodGettingANodeAndAnAddressWakesNothing() {
    Pod pending = pod(false, 0);
    Pod placed = pod(false, 0);
    placed.getSpec().setNodeName("node-1");
    placed.getStatus().setPodIP("10.0.0.9");

    assertThat(pods.accept(placed, pending)).isFalse();
  }

  @Test
  void aPodTurningReadyOrRestartingWakesTheService() {
    assertThat(pods.accept(pod(true, 0), pod(false, 0))).isTrue();
    assertThat(pods.accept(pod(false, 1), pod(false, 0))).isTrue();
  }

  @Test
  void aPodBeingDeletedWakesTheService() {
    Pod deleting = pod(true, 0);
    deleting.getMetadata().setDeletionTimestamp("2026-12-07T06:00:00Z");

    assertThat(pods.accept(deleting, pod(true, 0))).isTrue();
  }

  private static Deployment deployment(long observedGeneration, int available, String reason) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("app")
        .withNamespace("ns")
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("stackpilot.io/revision", "7c9f"))
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
        .withObservedGeneration(observedGeneration)
        .withAvailableReplicas(available)
        .withReadyReplicas(available)
        .withUpdatedReplicas(1)
        .addNewCondition()
        .withType("Progressing")
        .withStatus("True")
        .withReason(reason)
        .endCondition()
        .endStatus()
        .build();
  }

  private static Pod pod(boolean ready, int restarts) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("app-7c9f-x2")
        .withNamespace("ns")
        .withLabels(Map.of("stackpilot.io/revision", "7c9f"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("app:1")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .addNewContainerStatus()
        .withName("app")
        .withReady(ready)
        .withRestartCount(restarts)
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
