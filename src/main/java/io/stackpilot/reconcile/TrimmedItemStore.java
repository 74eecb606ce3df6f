package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer's store that keeps of each object's managedFields only what Stackpilot reads. Those
 * entries are nested maps of every field each writer touched (the controller manager's status of a
 * Deployment, KWOK's or a kubelet's of a Pod) and were the largest part of the operator's heap: about
 * a third of what it keeps per service. Only the server-side apply comparison of an object Stackpilot
 * applies reads them, and only Stackpilot's own entry.
 */
final class TrimmedItemStore<R extends HasMetadata> extends BasicItemStore<R> {

  private final boolean keepOwnEntries;

  private TrimmedItemStore(boolean keepOwnEntries) {
    super(Cache::metaNamespaceKeyFunc);
    this.keepOwnEntries = keepOwnEntries;
  }

  /** For what Stackpilot applies: its own entries stay, for deciding whether an apply would change anything. */
  static <R extends HasMetadata> TrimmedItemStore<R> keepingOwnEntries() {
    return new TrimmedItemStore<>(true);
  }

  /** For what Stackpilot only reads. */
  static <R extends HasMetadata> TrimmedItemStore<R> withoutManagedFields() {
    return new TrimmedItemStore<>(false);
  }

  @Override
  public R put(String key, R object) {
    var metadata = object.getMetadata();
    if (metadata.getManagedFields() != null) {
      metadata.setManagedFields(keepOwnEntries
          ? metadata.getManagedFields().stream().filter(e -> FieldManager.NAME.equals(e.getManager())).toList()
          : null);
    }
    return super.put(key, object);
  }
}
