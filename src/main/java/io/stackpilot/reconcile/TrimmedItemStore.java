package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An informer's store that keeps of each object's managedFields only what Stackpilot reads. Those
 * entries are nested maps of every field each writer touched (the controller manager on a
 * Deployment's status, KWOK or a kubelet on a pod's) and were the largest share of the operator's
 * heap. Only the server-side apply comparison of an object Stackpilot applies reads them, and only
 * Stackpilot's own entry.
 */
final class TrimmedItemStore<R extends HasMetadata> extends BasicItemStore<R> {

  private final boolean keepOwnEntries;
  private final Consumer<R> trimMore;

  private TrimmedItemStore(boolean keepOwnEntries, Consumer<R> trimMore) {
    super(Cache::metaNamespaceKeyFunc);
    this.keepOwnEntries = keepOwnEntries;
    this.trimMore = trimMore;
  }

  private TrimmedItemStore(boolean keepOwnEntries) {
    this(keepOwnEntries, object -> {});
  }

  /**
   * For what Stackpilot applies: its own entries stay, for deciding whether an apply would change
   * anything.
   */
  static <R extends HasMetadata> TrimmedItemStore<R> keepingOwnEntries() {
    return new TrimmedItemStore<>(true);
  }

  /** For what Stackpilot only reads. */
  static <R extends HasMetadata> TrimmedItemStore<R> withoutManagedFields() {
    return new TrimmedItemStore<>(false);
  }

  /**
   * For pods, which health reads and nothing applies: of each only its metadata (without
   * managedFields), its conditions and its containers' statuses stay. A pod's spec (containers,
   * volumes, the tolerations admission adds) was most of its size.
   */
  static TrimmedItemStore<Pod> podsAsHealthReadsThem(EventSourceContext<?> context) {
    return ownStorePossible(watchedNamespaces(context))
        ? new TrimmedItemStore<>(false, TrimmedItemStore::keepWhatHealthReads)
        : null;
  }

  static void keepWhatHealthReads(Pod pod) {
    pod.setSpec(null);
    PodStatus status = pod.getStatus();
    if (status != null) {
      PodStatus kept = new PodStatus();
      kept.setConditions(status.getConditions());
      kept.setContainerStatuses(status.getContainerStatuses());
      pod.setStatus(kept);
    }
  }

  /**
   * {@link #keepingOwnEntries()} for an event source of this controller, where it can have a store
   * of its own.
   */
  static <R extends HasMetadata> TrimmedItemStore<R> keepingOwnEntries(
      EventSourceContext<?> context) {
    return ownStorePossible(watchedNamespaces(context)) ? keepingOwnEntries() : null;
  }

  /**
   * {@link #withoutManagedFields()} for an event source of this controller, where it can have a
   * store of its own.
   */
  static <R extends HasMetadata> TrimmedItemStore<R> withoutManagedFields(
      EventSourceContext<?> context) {
    return ownStorePossible(watchedNamespaces(context)) ? withoutManagedFields() : null;
  }

  /**
   * Whether an event source's informer may have a store to itself: when the controller watches all
   * namespaces or one. Watching several, the framework runs one informer per namespace over the one
   * store it is given, and each informer's list (at start, or after its watch expired) removes
   * every other namespace's objects from it; with no store given, each informer has its own.
   */
  static boolean ownStorePossible(Set<String> watchedNamespaces) {
    return InformerConfiguration.allNamespacesWatched(watchedNamespaces)
        || watchedNamespaces.size() == 1;
  }

  private static Set<String> watchedNamespaces(EventSourceContext<?> context) {
    return context.getControllerConfiguration().getInformerConfig().getNamespaces();
  }

  @Override
  public R put(String key, R object) {
    var metadata = object.getMetadata();
    if (metadata.getManagedFields() != null) {
      metadata.setManagedFields(
          keepOwnEntries
              ? metadata.getManagedFields().stream()
                  .filter(e -> FieldManager.NAME.equals(e.getManager()))
                  .toList()
              : null);
    }
    trimMore.accept(object);
    return super.put(key, object);
  }
}
