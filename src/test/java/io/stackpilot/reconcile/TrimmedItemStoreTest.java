package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import java.util.List;
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
