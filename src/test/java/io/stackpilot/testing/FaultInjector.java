package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Makes every pod of a service (or of one of its tracks) crash for as long as it is open, as a
 * broken dependency or a corrupt volume would: it annotates each pod, present or future, with the
 * KWOK fault annotation.
 */
public final class FaultInjector implements AutoCloseable {

  private static final String FAULT = "kwok.stackpilot.io/fault";
  private final SharedIndexInformer<Pod> informer;

  public FaultInjector(TestCluster cluster, String service, String fault) {
    this(cluster, service, null, fault);
  }

  /** Only the pods of one track (stable or beta) of the service, when a track is given. */
  public FaultInjector(TestCluster cluster, String service, String track, String fault) {
    var pods =
        cluster
            .client()
            .pods()
            .inNamespace(cluster.namespace())
            .withLabel("app.kubernetes.io/instance", service);
    this.informer =
        OnEveryChange.inform(
            track == null ? pods : pods.withLabel("stackpilot.io/track", track),
            pod -> inject(cluster, pod, fault));
  }

  private static void inject(TestCluster cluster, Pod pod, String fault) {
    if (pod.getMetadata().getDeletionTimestamp() != null
        || pod.getMetadata().getAnnotations() != null
            && fault.equals(pod.getMetadata().getAnnotations().get(FAULT))) {
      return;
    }
    try {
      cluster
          .client()
          .pods()
          .inNamespace(cluster.namespace())
          .withName(pod.getMetadata().getName())
          .edit(
              p -> {
                p.getMetadata().getAnnotations().put(FAULT, fault);
                return p;
              });
    } catch (RuntimeException e) {
      // The pod went away meanwhile; its successor gets the fault when it appears.
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
