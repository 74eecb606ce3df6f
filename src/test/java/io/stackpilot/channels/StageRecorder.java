package io.stackpilot.channels;

import io.fabric8.kubernetes.api.model.apps.Deployment;
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
 * time since recording began and how the pods were split between the canary and stable. The status
 * records a stage before its Deployments are scaled to it, so a stage gets a line for each split
 * the Deployments go through while the status shows it.
 */
final class StageRecorder implements AutoCloseable {

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<MediaService> informer;
  private final SharedIndexInformer<Deployment> deployments;
  private final String name;
  private final Instant start = Instant.now();
  private final TestCluster cluster;
  private volatile String last = "";

  StageRecorder(TestCluster cluster, String name) {
    this.cluster = cluster;
    this.name = name;
    this.informer =
        OnEveryChange.inform(
            cluster
                .client()
                .resources(MediaService.class)
                .inNamespace(cluster.namespace())
                .withName(name),
            this::record);
    this.deployments =
        OnEveryChange.inform(
            cluster
                .client()
                .apps()
                .deployments()
                .inNamespace(cluster.namespace())
                .withLabel("stackpilot.io/service", name),
            deployment -> record(informer.getStore().list().stream().findFirst().orElse(null)));
  }

  private synchronized void record(MediaService service) {
    if (service == null) {
      return;
    }
    RolloutStatus rollout = service.getStatus() == null ? null : service.getStatus().getRollout();
    if (rollout == null || rollout.getState() == null) {
      return;
    }
    String key = "Progressing".equals(rollout.getState()) ? rollout.getStage() : rollout.getState();
    var canary =
        cluster
            .client()
            .apps()
            .deployments()
            .inNamespace(cluster.namespace())
            .withName(name + "-beta")
            .get();
    var main =
        cluster.client().apps().deployments().inNamespace(cluster.namespace()).withName(name).get();
    int canaryPods = canary == null ? 0 : canary.getSpec().getReplicas();
    int mainPods = main == null ? 0 : main.getSpec().getReplicas();
    String split = key + " " + canaryPods + "+" + mainPods;
    if (split.equals(last)) {
      return;
    }
    last = split;
    seen.add(
        String.format(
            "%6d ms %-20s beta pods %s (canary %d + main %d = total %d)",
            Duration.between(start, Instant.now()).toMillis(),
            key,
            rollout.getBetaPods(),
            canaryPods,
            mainPods,
            canaryPods + mainPods));
  }

  List<String> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    deployments.close();
    informer.close();
  }
}
