package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A staged beta of a 3-replica service on a real node: at each stage, requests through the Service
 * reach beta in the stage's share, as kube-proxy spreads them over the ready pods of both tracks.
 */
@WithLocalCluster
class RealNodeBetaIT {

  private static final Duration WAIT = Duration.ofSeconds(150);
  private static final int REQUESTS = 30;

  @Test
  void requestsThroughTheServiceReachTheBetaShareAtEachStage(TestCluster cluster, RealNode node) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, "stable");
      RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
      String url = "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9898/";
      assertThat(RealNodeServices.requests(cluster, url, REQUESTS))
          .hasSize(REQUESTS)
          .allSatisfy(answer -> assertThat(answer).contains("stable-build"));

      apply(cluster, "beta");
      awaitStage(cluster, "limited", "Progressing", 1, 2);
      // kube-proxy programs a new endpoint within its sync period: ask again until beta answers,
      // then the share of that batch must be a share, not all or nothing.
      List<List<String>> batches = new ArrayList<>();
      eventually(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                List<String> batch = RealNodeServices.requests(cluster, url, REQUESTS);
                batches.add(batch);
                assertThat(batch)
                    .as("answers of batch %d", batches.size())
                    .anyMatch(a -> a.contains("beta-build"));
              });
      List<String> limited = batches.get(batches.size() - 1);
      long toBeta = limited.stream().filter(a -> a.contains("beta-build")).count();
      long toStable = limited.stream().filter(a -> a.contains("stable-build")).count();
      System.out.printf(
          "[figure] real node: beta stage limited (1 of 3 pods): %d of %d requests reached beta"
              + " (batch %d)%n",
          toBeta, REQUESTS, batches.size());
      assertThat(toBeta + toStable).isEqualTo(REQUESTS);
      assertThat(toBeta).as("requests that reached the one beta pod of three").isBetween(1L, 29L);

      awaitStage(cluster, "open", "WaitingForPromotion", 3, 0);
      eventually(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(RealNodeServices.requests(cluster, url, REQUESTS))
                      .hasSize(REQUESTS)
                      .allSatisfy(answer -> assertThat(answer).contains("beta-build")));
      System.out.printf(
          "[figure] real node: beta stage open: %d of %d requests reached beta%n",
          REQUESTS, REQUESTS);
      assertThat(node.guardDrops()).isZero();
    }
  }

  /**
   * Waits for the stage and for exactly the given ready pods of each track, nothing else running.
   */
  private static void awaitStage(
      TestCluster cluster, String stage, String state, int betaPods, int stablePods) {
    eventually(WAIT)
        .untilAsserted(
            () -> {
              MediaService podinfo = media(cluster, "podinfo");
              RolloutStatus rollout = podinfo.getStatus().getRollout();
              assertThat(rollout).as("%s", podinfo.getStatus()).isNotNull();
              assertThat(rollout.getStage() + " " + rollout.getState())
                  .as("%s", podinfo.getStatus())
                  .isEqualTo(stage + " " + state);
              List<Pod> all = pods(cluster, "podinfo");
              assertThat(all)
                  .as(
                      "pods: %s",
                      all.stream()
                          .map(p -> p.getMetadata().getName() + " " + p.getStatus().getPhase())
                          .toList())
                  .hasSize(betaPods + stablePods)
                  .allSatisfy(
                      p ->
                          assertThat(p.getStatus().getContainerStatuses())
                              .singleElement()
                              .satisfies(c -> assertThat(c.getReady()).isTrue()));
              assertThat(
                      all.stream()
                          .filter(
                              p ->
                                  "beta"
                                      .equals(
                                          p.getMetadata().getLabels().get("stackpilot.io/track"))))
                  .hasSize(betaPods);
            });
  }

  private static void apply(TestCluster cluster, String channel) {
    String service =
        """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: podinfo
        spec:
          channel: %s
          replicas: 3
          channels:
            stable:
              image: stackpilot.test/podinfo:healthy
              env: [{name: PODINFO_UI_MESSAGE, value: stable-build}]
            beta:
              image: stackpilot.test/podinfo:healthy
              env: [{name: PODINFO_UI_MESSAGE, value: beta-build}]
          ports:
            - {name: http, port: 9898}
          health:
            http: {path: /readyz, port: http}
            initialDelaySeconds: 1
            periodSeconds: 2
          betaRollout:
            stages:
              - {name: limited, percent: 34, soak: 30s}
              - {name: open, percent: 100, soak: 5s}
            promotion: Manual
          recovery:
            failureWindow: 10s
          nodeSelector:
            %s: real
          tolerations:
            - {key: %s, operator: Exists, effect: NoSchedule}
        """
            .formatted(channel, RealNode.LABEL, RealNode.TAINT);
    cluster.kubectlWithInput(service, "apply", "-f", "-").assertSuccess();
  }
}
