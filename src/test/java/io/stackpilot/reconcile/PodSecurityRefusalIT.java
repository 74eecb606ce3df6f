package io.stackpilot.reconcile;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.testing.PodSecurityLevel;
import io.stackpilot.testing.PodSecurityLevel.Level;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A namespace whose Pod Security level is stricter than the service's profile refuses its pods. The
 * refusal is only in the ReplicaSet's condition and events; the service's status says it at once,
 * with the fix, instead of waiting out the progress deadline (which includes the startup budget, an
 * hour by default). Choosing the profile the namespace allows brings the service up.
 */
@WithLocalCluster
@PodSecurityLevel(Level.RESTRICTED)
class PodSecurityRefusalIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void podsThePodSecurityLevelRefusesAreInTheStatusWithTheFix(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      Instant applied = Instant.now();
      cluster.kubectlWithInput(sonarr(""), "apply", "-f", "-").assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(sonarr.getStatus().getConditions())
                    .as("status: %s", sonarr.getStatus())
                    .anySatisfy(
                        c ->
                            assertThat(c.getMessage())
                                .contains("violates PodSecurity")
                                .contains("pod-security.kubernetes.io/enforce"));
              });
      System.out.printf(
          "[figure] pods refused by Pod Security: in the status %d ms after the apply%n",
          Duration.between(applied, Instant.now()).toMillis());

      cluster
          .kubectlWithInput(sonarr("  securityProfile: Restricted\n"), "apply", "-f", "-")
          .assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(ready(sonarr)).as("status: %s", sonarr.getStatus()).isTrue();
              });

      // An upgrade back to a profile the namespace refuses is a failing revision like any other:
      // rolled back to the one that runs.
      cluster.kubectlWithInput(sonarr(""), "apply", "-f", "-").assertSuccess();

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr = media(cluster, "sonarr");
                assertThat(condition(sonarr, "Ready"))
                    .as("status: %s", sonarr.getStatus())
                    .satisfies(
                        ready -> {
                          assertThat(ready.getReason()).isEqualTo("RolledBack");
                          assertThat(ready.getMessage()).contains("PodsRefused");
                        });
                assertThat(condition(sonarr, "Available").getStatus())
                    .as("status: %s", sonarr.getStatus())
                    .isEqualTo("True");
              });
    }
  }

  /** A media service on the default profile, StartsAsRoot, which restricted refuses. */
  private static String sonarr(String extra) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: sonarr
        spec:
          channels:
            stable: {image: "lscr.io/linuxserver/sonarr:4.0.9"}
          ports: [{name: http, port: 8989}]
          recovery: {failureWindow: 5s}
        """
        + extra;
  }
}
