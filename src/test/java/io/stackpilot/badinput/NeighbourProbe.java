package io.stackpilot.badinput;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.stackpilot.api.MediaService;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A healthy service beside the flood, changed over and over: each change is a new value of one
 * environment variable, timed from the patch to the moment the operator's Deployment carries it.
 * One change follows the other at once, so the probe samples the operator's latency all the time.
 */
final class NeighbourProbe {

  static final String NAME = "neighbour";
  private static final String VARIABLE = "PROBE";

  private final TestCluster cluster;
  private final Duration patience;
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private int changes;

  NeighbourProbe(TestCluster cluster, Duration patience) {
    this.cluster = cluster;
    this.patience = patience;
  }

  void create() {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %s
        spec:
          channels:
            stable: {image: "lscr.io/linuxserver/prowlarr:1.37.0"}
          ports: [{name: http, port: 9696}]
          env: [{name: %s, value: "0"}]
        """
                .formatted(NAME, VARIABLE),
            "apply",
            "-f",
            "-")
        .assertSuccess();
    await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> ServiceQueries.ready(ServiceQueries.media(cluster, NAME)));
  }

  /**
   * One change, timed; fails when it does not land within the patience. Returns the latency in ms.
   */
  long change() {
    String value = Integer.toString(++changes);
    long start = System.nanoTime();
    // A merge patch, as kubectl patch sends it: no resourceVersion, so the operator's status writes
    // never conflict.
    cluster
        .client()
        .resources(MediaService.class)
        .inNamespace(cluster.namespace())
        .withName(NAME)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"env\":[{\"name\":\"" + VARIABLE + "\",\"value\":\"" + value + "\"}]}}");
    await()
        .atMost(patience)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> value.equals(probeValue(ServiceQueries.deployment(cluster, NAME)).orElse(null)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    latencies.add(millis);
    return millis;
  }

  List<Long> latencies() {
    return List.copyOf(latencies);
  }

  void reset() {
    latencies.clear();
  }

  private static Optional<String> probeValue(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> VARIABLE.equals(e.getName()))
        .map(EnvVar::getValue)
        .findFirst();
  }
}
