package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.stackpilot.health.PodObservation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrimmedItemStoreTest {

  @Test
  void anAppliedKindKeepsOnlyStackpilotsOwnEntries() {
    TrimmedItemStore<Deployment> store = TrimmedItemStore.keepingOwnEntries();
    Deployment deployment = deploymentManagedBy("stackpilot", "kube-controller-manager");

    store.put(store.getKey(deployment), deployment);

    assertThat(store.get("ns/app").getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager)
        .containsExactly("stackpilot");
  }

  @Test
  void aReadOnlyKindKeepsNoEntries() {
    TrimmedItemStore<Deployment> store = TrimmedItemStore.withoutManagedFields();
    Deployment deployment = deploymentManagedBy("stackpilot", "kube-controller-manager");

    store.put(store.getKey(deployment), deployment);

    assertThat(store.get("ns/app").getMetadata().getManagedFields()).isNull();
  }

  @Test
  void aTrimmedPodTellsHealthWhatTheWholePodTells() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("app-7c9f-x2")
            .withNamespace("ns")
            .withLabels(Map.of("stackpilot.io/revision", "7c9f"))
            .withAnnotations(Map.of("stackpilot.io/restartedAt", "2026-12-07T06:00:00Z"))
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("app:1")
            .endContainer()
            .withNodeName("node-1")
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .withPodIP("10.0.0.7")
            .addNewCondition()
            .withType("Ready")
            .withStatus("False")
            .endCondition()
            .addNewCondition()
            .withType("ContainersReady")
            .withStatus("False")
            .withLastTransitionTime("2026-12-07T06:00:05Z")
            .endCondition()
            .addNewContainerStatus()
            .withName("app")
            .withReady(false)
            .withRestartCount(3)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    PodObservation whole = PodObservation.of(pod);

    TrimmedItemStore.keepWhatHealthReads(pod);

    assertThat(pod.getSpec()).isNull();
    assertThat(pod.getStatus().getPodIP()).isNull();
    assertThat(PodObservation.of(pod)).isEqualTo(whole);
    assertThat(whole.containers()).isNotEmpty();
  }

  @Test
  void oneInformerPerNamespaceMustNotShareAStore() {
    // Each per-namespace informer's list would drop the other namespaces' objects from a shared
    // store.
    assertThat(TrimmedItemStore.ownStorePossible(Set.of("a", "b"))).isFalse();
    assertThat(TrimmedItemStore.ownStorePossible(Set.of("a"))).isTrue();
    assertThat(TrimmedItemStore.ownStorePossible(Constants.WATCH_ALL_NAMESPACE_SET)).isTrue();
  }

  private static Deployment deploymentManagedBy(String... managers) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("app")
        .withNamespace("ns")
        .withManagedFields(
            List.of(managers).stream()
                .map(
                    m ->
                        new ManagedFieldsEntryBuilder()
                            .withManager(m)
                            .withOperation("Apply")
                            .build())
                .toList())
        .endMetadata()
        .build();
  }
}
