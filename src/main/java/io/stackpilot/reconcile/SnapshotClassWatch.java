package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.datasafety.SnapshotClassInfo;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's VolumeSnapshotClasses, watched while their API exists, so a spec naming a class
 * that is created later, or a class marked default for a driver, is noticed at once. Only a class's
 * name, driver and default mark are read, so only a change of those is a change.
 */
final class SnapshotClassWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SnapshotClassWatch.class);

  private final KubernetesClient client;
  private final Runnable changed;
  private SharedIndexInformer<GenericKubernetesResource> informer;

  /**
   * @param changed called when a class comes or goes
   */
  SnapshotClassWatch(KubernetesClient client, Runnable changed) {
    this.client = client;
    this.changed = changed;
  }

  /** Starts the watch when it may run and is not running, stops it when the API went away. */
  synchronized void follow(boolean apiPresent, boolean mayWatch) {
    if (apiPresent && mayWatch && informer == null) {
      informer =
          client.genericKubernetesResources(VolumeSnapshots.SNAPSHOT_CLASS).runnableInformer(0);
      informer.itemStore(TrimmedItemStore.withoutManagedFields());
      informer.addEventHandler(new ComingOrGoing());
      informer
          .start()
          .whenComplete(
              (ignored, refused) -> {
                if (refused instanceof KubernetesClientException e
                    && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                  log.info("Not watching VolumeSnapshotClasses: {}", e.getMessage());
                }
              });
    } else if (!apiPresent && informer != null) {
      informer.stop();
      informer = null;
    }
  }

  /** The classes: from the watch once it has listed, else read. */
  synchronized Optional<List<SnapshotClassInfo>> classes() {
    if (informer != null && informer.hasSynced()) {
      return Optional.of(
          informer.getStore().list().stream().map(VolumeSnapshots::classInfo).toList());
    }
    return VolumeSnapshots.classes(client);
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.stop();
    }
  }

  private final class ComingOrGoing implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource snapshotClass) {
      changed.run();
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      if (!VolumeSnapshots.classInfo(before).equals(VolumeSnapshots.classInfo(after))) {
        changed.run();
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource snapshotClass, boolean finalStateUnknown) {
      changed.run();
    }
  }
}
