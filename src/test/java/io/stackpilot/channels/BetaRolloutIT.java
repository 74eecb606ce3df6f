package io.stackpilot.channels;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.deployment;
import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.image;
import static io.stackpilot.testing.ServiceQueries.media;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.testing.FaultInjector;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The beta channel on a real control plane: stages, health gates, fallback, swap, promotion, pause
 * and abort.
 */
@WithLocalCluster
class BetaRolloutIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String STABLE = "grafana/grafana:12.1.0";
  private static final String BETA = "grafana/grafana:12.2.0-beta1";

  @Test
  void threeReplicaServiceGoesThroughEveryStageToLiveBeta(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyStateless(cluster, "stable", "Automatic");
      eventually(WAIT)
          .until(() -> "Healthy".equals(media(cluster, "grafana").getStatus().getPhase()));
      List<String> timeline = new ArrayList<>();

      try (StageRecorder stages = new StageRecorder(cluster, "grafana")) {
        applyStateless(cluster, "beta", "Automatic");
        eventually(WAIT).until(() -> stages.seen().stream().anyMatch(s -> s.contains("Promoted")));
        timeline.addAll(stages.seen());
      }
      for (String stage : List.of("limited", "extended")) {
        assertThat(timeline)
            .anySatisfy(line -> assertThat(line).contains(stage).contains("total 3"));
      }
      System.out.println(
          "[figure] beta rollout of 3 replicas, stages observed:\n  "
              + String.join("\n  ", timeline));

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService grafana = media(cluster, "grafana");
                assertThat(grafana.getStatus().getPhase()).isEqualTo("Healthy");
                assertThat(grafana.getStatus().getChannel()).isEqualTo("beta");
                assertThat(image(deployment(cluster, "grafana"))).isEqualTo(BETA);
                assertThat(deployment(cluster, "grafana").getSpec().getReplicas()).isEqualTo(3);
                assertThat(deployment(cluster, "grafana-beta")).isNull();
              });
      assertThat(String.join(" ", timeline))
          .contains("limited")
          .contains("extended")
          .contains("open")
          .contains("Promoted");
      assertThat(events(cluster, "grafana", "BetaPromoted")).hasSize(1);
    }
  }

  @Test
  void failureAtTheSecondStageFallsBackToStable(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyStateless(cluster, "stable", "Automatic");
      eventually(WAIT)
          .until(() -> "Healthy".equals(media(cluster, "grafana").getStatus().getPhase()));
      applyStateless(cluster, "beta", "Automatic");
      eventually(WAIT).until(() -> stageOf(media(cluster, "grafana")).startsWith("extended"));

      try (var crash = new FaultInjector(cluster, "grafana", "beta", "crashloop")) {
        eventually(WAIT)
            .untilAsserted(
                () -> {
                  MediaService grafana = media(cluster, "grafana");
                  assertThat(grafana.getStatus().getRollout().getState()).isEqualTo("Failed");
                  assertThat(grafana.getStatus().getRollout().getStage()).isEqualTo("extended");
                  assertThat(grafana.getStatus().getQuarantine())
                      .singleElement()
                      .satisfies(q -> assertThat(q.getImage()).isEqualTo(BETA));
                  assertThat(condition(grafana, "Stalled").getReason()).isEqualTo("BetaFailed");
                  assertThat(condition(grafana, "Available").getStatus()).isEqualTo("True");
                  assertThat(deployment(cluster, "grafana-beta")).isNull();
                  assertThat(deployment(cluster, "grafana").getSpec().getReplicas()).isEqualTo(3);
                  assertThat(image(deployment(cluster, "grafana"))).isEqualTo(STABLE);
                });
      }
      assertThat(events(cluster, "grafana", "BetaFailed")).hasSize(1);
    }
  }

  @Test
  void singleReplicaServiceWithAVolumeNeverRunsTwoPodsDuringItsSwap(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      Set<String> alive = ConcurrentHashMap.newKeySet();
      AtomicInteger most = new AtomicInteger();
      var watch =
          cluster
              .client()
              .pods()
              .inNamespace(cluster.namespace())
              .withLabel("app.kubernetes.io/instance", "sonarr")
              .inform(
                  new ResourceEventHandler<Pod>() {
                    @Override
                    public void onAdd(Pod pod) {
                      alive.add(pod.getMetadata().getName());
                      most.accumulateAndGet(alive.size(), Math::max);
                    }

                    @Override
                    public void onUpdate(Pod old, Pod pod) {}

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {
                      alive.remove(pod.getMetadata().getName());
                    }
                  });
      try (watch) {
        applyStateful(cluster, "stable");
        eventually(WAIT)
            .until(() -> "Healthy".equals(media(cluster, "sonarr").getStatus().getPhase()));
        applyStateful(cluster, "beta");
        eventually(WAIT)
            .untilAsserted(
                () -> {
                  MediaService sonarr = media(cluster, "sonarr");
                  assertThat(sonarr.getStatus().getRollout().getState()).isEqualTo("Promoted");
                  assertThat(sonarr.getStatus().getPhase()).isEqualTo("Healthy");
                  assertThat(image(deployment(cluster, "sonarr")))
                      .isEqualTo("lscr.io/linuxserver/sonarr:develop");
                });
        assertThat(deployment(cluster, "sonarr-beta"))
            .as("no canary beside a ReadWriteOnce volume")
            .isNull();
        assertThat(deployment(cluster, "sonarr").getSpec().getStrategy().getType())
            .isEqualTo("Recreate");
      }
      assertThat(most.get())
          .as("pods of sonarr alive at the same moment, terminating ones included")
          .isEqualTo(1);
    }
  }

  @Test
  void manualPromotionWaitsForTheAnnotation(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyStateless(cluster, "beta", "Manual");
      eventually(WAIT)
          .until(
              () ->
                  "WaitingForPromotion"
                      .equals(media(cluster, "grafana").getStatus().getRollout().getState()));
      assertThat(deployment(cluster, "grafana-beta").getSpec().getReplicas()).isEqualTo(3);
      String revision = media(cluster, "grafana").getStatus().getRollout().getRevision();

      cluster
          .kubectl("annotate", "mediaservice", "grafana", "stackpilot.io/promote=" + revision)
          .assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () -> {
                assertThat(media(cluster, "grafana").getStatus().getRollout().getState())
                    .isEqualTo("Promoted");
                assertThat(image(deployment(cluster, "grafana"))).isEqualTo(BETA);
                assertThat(deployment(cluster, "grafana-beta")).isNull();
              });
    }
  }

  @Test
  void pauseHoldsTheStageAndAbortFallsBackToStable(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyStateless(cluster, "stable", "Automatic");
      eventually(WAIT)
          .until(() -> "Healthy".equals(media(cluster, "grafana").getStatus().getPhase()));
      cluster
          .kubectl("annotate", "mediaservice", "grafana", "stackpilot.io/pause=true")
          .assertSuccess();
      applyStateless(cluster, "beta", "Automatic");

      eventually(WAIT)
          .until(
              () -> "Paused".equals(media(cluster, "grafana").getStatus().getRollout().getState()));
      RolloutStatus paused = media(cluster, "grafana").getStatus().getRollout();
      String stage = paused.getStage();
      Instant soaked = Instant.parse(paused.getStageStartedAt()).plusSeconds(3);
      // A paused rollout at rest has no events of its own: make Stackpilot look at it again, at
      // least three times and until the stage's soak is over, rather than hope the pods' events
      // cause enough reconciles.
      for (int poke = 1; poke <= 3 || Instant.now().isBefore(soaked); poke++) {
        double reconciles = operator.reconciles();
        cluster
            .kubectl(
                "annotate", "--overwrite", "mediaservice", "grafana", "test.example/poke=" + poke)
            .assertSuccess();
        eventually(WAIT).until(() -> operator.reconciles() > reconciles);
      }
      assertThat(media(cluster, "grafana").getStatus().getRollout().getStage())
          .as("paused")
          .isEqualTo(stage);

      cluster
          .kubectl("annotate", "mediaservice", "grafana", "stackpilot.io/abort=true")
          .assertSuccess();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService grafana = media(cluster, "grafana");
                assertThat(grafana.getStatus().getRollout().getState()).isEqualTo("Aborted");
                assertThat(deployment(cluster, "grafana-beta")).isNull();
                assertThat(deployment(cluster, "grafana").getSpec().getReplicas()).isEqualTo(3);
                assertThat(image(deployment(cluster, "grafana"))).isEqualTo(STABLE);
                assertThat(grafana.getStatus().getQuarantine())
                    .as("an abort blames nobody")
                    .isNull();
              });
    }
  }

  @Test
  void switchingBackToStableMidRolloutRestoresStable(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      applyStateless(cluster, "stable", "Automatic");
      eventually(WAIT)
          .until(() -> "Healthy".equals(media(cluster, "grafana").getStatus().getPhase()));
      applyStateless(cluster, "beta", "Automatic", "30s");
      eventually(WAIT).until(() -> deployment(cluster, "grafana-beta") != null);

      applyStateless(cluster, "stable", "Automatic", "30s");

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService grafana = media(cluster, "grafana");
                assertThat(deployment(cluster, "grafana-beta")).isNull();
                assertThat(deployment(cluster, "grafana").getSpec().getReplicas()).isEqualTo(3);
                assertThat(image(deployment(cluster, "grafana"))).isEqualTo(STABLE);
                assertThat(grafana.getStatus().getRollout()).isNull();
                assertThat(grafana.getStatus().getPhase()).isEqualTo("Healthy");
              });
    }
  }

  /** The stage, or the state once the rollout is past its stages. */
  private static String stageOf(MediaService service) {
    RolloutStatus rollout = service.getStatus() == null ? null : service.getStatus().getRollout();
    if (rollout == null) {
      return null;
    }
    return "Progressing".equals(rollout.getState()) ? rollout.getStage() : rollout.getState();
  }

  private static void applyStateless(TestCluster cluster, String channel, String promotion) {
    applyStateless(cluster, channel, promotion, "3s");
  }

  private static void applyStateless(
      TestCluster cluster, String channel, String promotion, String soak) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: grafana}
        spec:
          channel: %s
          replicas: 3
          channels:
            stable: {image: %s}
            beta: {image: %s}
          ports: [{name: http, port: 3000}]
          recovery: {failureWindow: 3s}
          betaRollout:
            promotion: %s
            stages:
              - {name: limited, percent: 34, soak: %s}
              - {name: extended, percent: 67, soak: %s}
              - {name: open, percent: 100, soak: %s}
        """
                .formatted(channel, STABLE, BETA, promotion, soak, soak, soak),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  private static void applyStateful(TestCluster cluster, String channel) {
    cluster
        .kubectlWithInput(
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: sonarr}
        spec:
          channel: %s
          channels:
            stable: {image: lscr.io/linuxserver/sonarr:4.0.15}
            beta: {image: lscr.io/linuxserver/sonarr:develop}
          ports: [{name: http, port: 8989}]
          storage: [{name: config, mountPath: /config, size: 1Gi}]
          recovery: {failureWindow: 3s}
          betaRollout:
            stages:
              - {name: limited, percent: 10, soak: 2s}
              - {name: open, percent: 100, soak: 2s}
        """
                .formatted(channel),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
