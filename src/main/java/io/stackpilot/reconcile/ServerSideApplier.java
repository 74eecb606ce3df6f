package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.SSABasedGenericKubernetesResourceMatcher;
import io.stackpilot.lifecycle.ReconcileFailure;
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

  /**
   * Asks the API server, with a dry run, whether it would take the object; only when applying it
   * would write at all. Returns the API server's refusal of the object itself (Invalid,
   * BadRequest); anything else, such as a conflict or an unavailable server, is thrown as from a
   * real apply.
   */
  <R extends HasMetadata> Optional<KubernetesClientException> refusal(
      R desired, Optional<R> actual, Context<?> context) {
    if (actual.isPresent()
        && SSABasedGenericKubernetesResourceMatcher.<R>getInstance()
            .matches(actual.get(), desired, context)) {
      return Optional.empty();
    }
    try {
      client
          .resource(desired)
          .dryRun()
          .fieldManager(FieldManager.NAME)
          .forceConflicts()
          .serverSideApply();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return refused(e);
    }
  }

  /**
   * The API server's refusal of the object itself, or the exception thrown again. An admission
   * policy's refusal is the cluster's, not the spec's: it goes the way of a failure, reported and
   * retried with back-off until the policy lets it through.
   */
  private static Optional<KubernetesClientException> refused(KubernetesClientException e) {
    if ((e.getCode() == 422 || e.getCode() == 400 || refusedWhileDecoding(e))
        && !ReconcileFailure.admissionDenied(
            String.valueOf(e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage()))) {
      return Optional.of(e);
    }
    throw e;
  }

  /**
   * Some objects fail before validation, as an internal error of the API server, and fail the same
   * way every time: server-side apply cannot build a patch of a list with two entries for one key
   * (two mounts at one path), or the object cannot be converted (a quantity it cannot parse).
   */
  private static boolean refusedWhileDecoding(KubernetesClientException e) {
    String message =
        String.valueOf(e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage());
    return e.getCode() == 500
        && (message.startsWith("failed to create typed patch object")
            || message.startsWith("failed to convert"));
  }

  /**
   * Applies when needed, without a dry run first, and returns the API server's refusal of the
   * object itself (as {@link #refusal} would have) instead of throwing it: for objects of a service
   * that has nothing running yet, where a refused apply costs nothing a dry run would have saved.
   */
  <R extends HasMetadata> Optional<KubernetesClientException> applyOrRefusal(
      R desired, Optional<R> actual, Context<?> context) {
    try {
      apply(desired, actual, context);
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return refused(e);
    }
  }

  /** Applies when needed; returns whether it wrote. */
  <R extends HasMetadata> boolean apply(R desired, Optional<R> actual, Context<?> context) {
    if (actual.isPresent()
        && SSABasedGenericKubernetesResourceMatcher.<R>getInstance()
            .matches(actual.get(), desired, context)) {
      return false;
    }
    client.resource(desired).fieldManager(FieldManager.NAME).forceConflicts().serverSideApply();
    writes.record(desired.getKind());
    return true;
  }
}
