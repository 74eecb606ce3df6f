package io.stackpilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import org.junit.jupiter.api.Test;

/** What the assessor needs from a Pod, read from the fields the kubelet fills in. */
class PodObservationTest {

  @Test
  void readsRevisionReadinessAndContainerStates() {
    Pod pod =
        pod(
            "app-x1",
            "3f2a9c1d0e",
            "True",
            new ContainerStatusBuilder()
                .withName("app")
                .withReady(false)
                .withRestartCount(4)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .endTerminated()
                .endLastState()
                .build());

    PodObservation observed = PodObservation.of(pod);

    assertThat(observed.name()).isEqualTo("app-x1");
    assertThat(observed.revision()).isEqualTo("3f2a9c1d0e");
    assertThat(observed.ready()).isTrue();
    assertThat(observed.terminating()).isFalse();
    assertThat(observed.containers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("app");
              assertThat(c.ready()).isFalse();
              assertThat(c.restartCount()).isEqualTo(4);
              assertThat(c.waitingReason()).contains("CrashLoopBackOff");
              assertThat(c.lastTerminationReason()).contains("OOMKilled");
            });
  }

  @Test
  void readsWhichRestartOfTheRevisionItWasCreatedFor() {
    Pod restarted =
        new PodBuilder(pod("app-x1", "r", "True", running()))
            .editMetadata()
            .addToAnnotations("stackpilot.io/restartedAt", "2026-11-27T14:50:00Z")
            .endMetadata()
            .build();

    assertThat(PodObservation.of(restarted).restartedAt()).isEqualTo("2026-11-27T14:50:00Z");
    assertThat(PodObservation.of(pod("app-x1", "r", "True", running())).restartedAt()).isEmpty();
  }

  @Test
  void podWithADeletionTimestampIsTerminating() {
    Pod pod =
        new PodBuilder(pod("app-x1", "r", "True", running()))
            .editMetadata()
            .withDeletionTimestamp("2026-03-01T02:00:00Z")
            .endMetadata()
            .build();

    assertThat(PodObservation.of(pod).terminating()).isTrue();
  }

  @Test
  void readyConditionFalseOrMissingIsNotReady() {
    assertThat(PodObservation.of(pod("app-x1", "r", "False", running())).ready()).isFalse();
    assertThat(
            PodObservation.of(
                    new PodBuilder().withNewMetadata().withName("app-x1").endMetadata().build())
                .ready())
        .isFalse();
  }

  @Test
  void podJustCreatedHasNoRevisionAndNoContainersYet() {
    PodObservation observed =
        PodObservation.of(
            new PodBuilder()
                .withNewMetadata()
                .withName("app-x1")
                .endMetadata()
                .withNewStatus()
                .endStatus()
                .build());

    assertThat(observed.revision()).isEmpty();
    assertThat(observed.containers()).isEmpty();
  }

  @Test
  void runningContainerHasNoWaitingOrTerminationReason() {
    ContainerObservation container =
        PodObservation.of(pod("app-x1", "r", "True", running())).containers().get(0);

    assertThat(container.ready()).isTrue();
    assertThat(container.restartCount()).isZero();
    assertThat(container.waitingReason()).isEmpty();
    assertThat(container.lastTerminationReason()).isEmpty();
  }

  @Test
  void containerThatTurnedUnreadyAfterItStartedLostItsReadiness() {
    Pod pod = unreadyPod("2026-03-01T02:00:00Z", "2026-03-01T02:05:00Z");

    assertThat(PodObservation.of(pod).containers().get(0).readinessLost()).isTrue();
  }

  @Test
  void containerWhosePodWasUnreadyBeforeItStartedIsStillStarting() {
    // A new pod, or a container the kubelet restarted after its pod had turned unready: it has not
    // passed its readiness check since it started.
    Pod pod = unreadyPod("2026-03-01T02:05:00Z", "2026-03-01T02:00:00Z");

    assertThat(PodObservation.of(pod).containers().get(0).readinessLost()).isFalse();
  }

  @Test
  void containerThatIsNotRunningHasNotLostItsReadiness() {
    Pod pod = unreadyPod("2026-03-01T02:00:00Z", "2026-03-01T02:05:00Z");
    pod.getStatus().getContainerStatuses().get(0).getState().setRunning(null);

    assertThat(PodObservation.of(pod).containers().get(0).readinessLost()).isFalse();
  }

  @Test
  void readyContainerHasNotLostItsReadiness() {
    ContainerObservation container =
        PodObservation.of(pod("app-x1", "r", "True", running())).containers().get(0);

    assertThat(container.readinessLost()).isFalse();
  }

  private static Pod unreadyPod(String containerStarted, String containersUnreadySince) {
    ContainerStatus container = running();
    container.setReady(false);
    container.getState().getRunning().setStartedAt(containerStarted);
    Pod pod = pod("app-x1", "r", "False", container);
    pod.getStatus()
        .getConditions()
        .add(
            new PodConditionBuilder()
                .withType("ContainersReady")
                .withStatus("False")
                .withLastTransitionTime(containersUnreadySince)
                .build());
    return pod;
  }

  private static ContainerStatus running() {
    return new ContainerStatusBuilder()
        .withName("app")
        .withReady(true)
        .withRestartCount(0)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-03-01T02:00:00Z")
        .endRunning()
        .endState()
        .build();
  }

  private static Pod pod(String name, String revision, String ready, ContainerStatus container) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("stackpilot.io/revision", revision)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready)
        .endCondition()
        .withContainerStatuses(container)
        .endStatus()
        .build();
  }
}
