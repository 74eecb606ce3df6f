package io.stackpilot.channels;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.testing.OnEveryChange;
import io.stackpilot.testing.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records each stage (or final state) of a service's beta rollout as the status shows it, with the
 * time since recording began and how the pods were split between the canary and stable.
 */
final class StageRecorder implements AutoCloseable {

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<MediaService> informer;
  private final Instant start = Instant.now();
  private final TestCluster cluster;
  private volatile String last = "";

  StageRecorder(TestCluster cluster, String name) {
    this.cluster = cluster;
    this.informer = OnEveryChange.inform(
        cluster.client().resources(MediaService.class).inNamespace(cluster.namespace()).withName(name), this::record);
  }

  private void record(MediaService service) {
    RolloutStatus rollout = service.getStatus() == null ? null : service.getStatus().getRollout();
    if (rollout == null || rollout.getState() == null) {
      return;
    }
    String key = "Progressing".equals(rollout.getState()) ? rollout.getStage() : rollout.getState();
    if (key.equals(last)) {
      return;
    }
    last = key;
    var canary = cluster.client().apps().deployments().inNamespace(cluster.namespace())
        .withName(service.getMetadata().getName() + "-beta").get();
    var main = cluster.client().apps().deployments().inNamespace(cluster.namespace())
        .withName(service.getMetadata().getName()).get();
    int canaryPods = canary == null ? 0 : canary.getSpec().getReplicas();
    int mainPods = main == null ? 0 : main.getSpec().getReplicas();
    seen.add(String.format("%6d ms %-20s beta pods %s (canary %d + main %d = total %d)",
        Duration.between(start, Instant.now()).toMillis(), key, rollout.getBetaPods(), canaryPods, mainPods,
        canaryPods + mainPods));
  }

  List<String> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    informer.close();
  }
}
