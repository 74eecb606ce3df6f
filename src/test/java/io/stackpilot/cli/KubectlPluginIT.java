package io.stackpilot.cli;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.KubectlPlugin;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The steering commands as users run them: {@code kubectl stackpilot ...}, kubectl finding the
 * plugin on PATH and the plugin running the jar this build packaged.
 */
@WithLocalCluster
class KubectlPluginIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void statusHistoryAndRetryWorkAndAGitOpsManagedServiceGetsTheAnnotationToCommit(
      TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      apply(cluster, "lscr.io/linuxserver/sonarr:4.0.14");
      eventually(WAIT).until(() -> "Healthy".equals(phase(cluster)));
      apply(cluster, "lscr.io/linuxserver/sonarr:4.0.15-crashloop");
      String failed =
          eventually(WAIT).until(() -> quarantined(cluster), Optional::isPresent).orElseThrow();

      CommandResult status = plugin(cluster, "status", "sonarr").assertSuccess();
      assertThat(status.stdout())
          .contains("mediaservice/sonarr: RolledBack", "quarantined: " + failed, "Stalled=");
      CommandResult history = plugin(cluster, "history", "mediaservice/sonarr").assertSuccess();
      assertThat(history.stdout()).contains("REVISION", failed, "4.0.14", "4.0.15-crashloop");

      CommandResult retry = plugin(cluster, "retry", "sonarr").assertSuccess();
      assertThat(retry.stdout())
          .contains("mediaservice/sonarr annotated stackpilot.io/retry=" + failed)
          .contains("tried once more");
      assertThat(annotations(cluster)).containsEntry("stackpilot.io/retry", failed);

      CommandResult pause = plugin(cluster, "pause", "sonarr");
      assertThat(pause.exitCode()).as(pause.describe()).isEqualTo(1);
      assertThat(pause.stderr()).contains("no beta rollout is in progress");

      // Retried, it crashed and was quarantined again; now the service is one Flux applies.
      eventually(WAIT)
          .until(
              () ->
                  "RolledBack".equals(phase(cluster))
                      && quarantined(cluster).filter(failed::equals).isPresent());
      cluster
          .kubectl(
              "label",
              "mediaservice",
              "sonarr",
              "kustomize.toolkit.fluxcd.io/name=apps",
              "kustomize.toolkit.fluxcd.io/namespace=flux-system")
          .assertSuccess();
      CommandResult gitops = plugin(cluster, "retry", "sonarr").assertSuccess();
      assertThat(gitops.stdout())
          .contains("applied by Flux Kustomization flux-system/apps; nothing was changed")
          .contains("stackpilot.io/retry: \"" + failed + ".2\"");
      assertThat(annotations(cluster))
          .as("nothing written behind Flux's back")
          .containsEntry("stackpilot.io/retry", failed);
    }
  }

  private static CommandResult plugin(TestCluster cluster, String... arguments) {
    return KubectlPlugin.run(cluster, arguments);
  }

  private static String phase(TestCluster cluster) {
    MediaService sonarr = media(cluster, "sonarr");
    return sonarr == null || sonarr.getStatus() == null ? null : sonarr.getStatus().getPhase();
  }

  private static Optional<String> quarantined(TestCluster cluster) {
    MediaService sonarr = media(cluster, "sonarr");
    if (sonarr == null
        || sonarr.getStatus() == null
        || sonarr.getStatus().getQuarantine() == null) {
      return Optional.empty();
    }
    return sonarr.getStatus().getQuarantine().stream()
        .map(QuarantinedRevision::getRevision)
        .findFirst();
  }

  private static Map<String, String> annotations(TestCluster cluster) {
    return Optional.ofNullable(media(cluster, "sonarr").getMetadata().getAnnotations())
        .orElse(Map.of());
  }

  private static void apply(TestCluster cluster, String image) {
    cluster
        .kubectlWithInput(
            """
            apiVersion: stackpilot.io/v1alpha1
            kind: MediaService
            metadata:
              name: sonarr
            spec:
              channels:
                stable: {image: "%s"}
              ports: [{name: http, port: 8989}]
              recovery: {failureWindow: 3s, progressDeadline: 60s, maxRestarts: 1}
            """
                .formatted(image),
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }
}
