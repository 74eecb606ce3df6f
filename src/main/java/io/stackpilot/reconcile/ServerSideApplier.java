package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import java.util.Optional;

/**
 * Applies desired objects with server-side apply, but only when the cluster differs from them in a
 * field Stackpilot manages: an unchanged object costs no write. Fields other managers own (a label
 * someone added, say) are left alone; a field of ours someone else changed is taken back.
 */
final class ServerSideApplier {

  private final KubernetesClient client;
  private final WriteCounter writes;

  ServerSideApplier(KubernetesClient client, WriteCounter writes) {
    this.client = client;
    this.writes = writes;
  }

  /** Applies when needed; returns whether it wrote. */
  <R extends HasMetadata> boolean apply(R desired, Optional<R> actual, Context<?> context) {
    if (actual.isPresent() && SSABasedGenericKubernetesResourceMatcher.<R>getInstance()
        .matches(actual.get(), desired, context)) {
      return false;
    }
    client.resource(desired).fieldManager(FieldManager.NAME).forceConflicts().serverSideApply();
    writes.record(desired.getKind());
    return true;
  }
}
