package io.stackpilot.faults;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.testing.OperatorProcess;
import io.stackpilot.testing.OwnControlPlane;
import io.stackpilot.testing.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two operator replicas, one leading: the leader is stopped three ways (SIGKILL, SIGTERM, and
 * SIGSTOP for longer than its lease, then SIGCONT) while services keep changing, and the other
 * takes over (at once after SIGTERM, which must end the leader well within a kubelet's grace
 * period). The API server's audit log, with each replica signed in as a service account of its own,
 * must show that no two replicas ever wrote in overlapping periods, that each wrote only after
 * taking the Lease, and that the frozen leader wrote nothing once it woke up and exited on its own.
 * The audit log needs API server flags, so the test runs on a control plane of its own.
 */
class LeaderFailoverIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final List<String> SERVICES = List.of("prowlarr", "bazarr", "lidarr", "readarr");

  /** Less than the 15 s lease of `stackpilot run`, with room for a loaded machine. */
  private static final Duration HAND_OVER = Duration.ofSeconds(12);

  private static AuditLog audit;
  private static OwnControlPlane plane;

  @BeforeAll
  static void startControlPlaneWithAuditLog() throws IOException {
    Files.createDirectories(Path.of("target"));
    audit =
        AuditLog.prepare(Files.createTempDirectory(Path.of("target"), "leader-failover-audit-"));
    plane =
        OwnControlPlane.start(
            b -> b.apiServerFlag(audit.policyFlag()).apiServerFlag(audit.logFlag()));
  }

  @AfterAll
  static void stopControlPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  enum Stop {
    SIGKILL,
    SIGTERM,
    SIGSTOP
  }

  @Test
  void leaderStoppedUnderChurnHandsOverAndNoTwoReplicasEverAct() {
    TestCluster cluster = plane.newNamespace("failover");
    Map<String, String> figures = new LinkedHashMap<>();
    Map<String, Instant> resumedAt = new LinkedHashMap<>();
    try (Replicas replicas = new Replicas(cluster)) {
      replicas.start("replica-a");
      replicas.start("replica-b");
      eventually(WAIT).until(() -> replicas.leader().isPresent());
      int version = 0;
      applyAll(cluster, version);
      awaitConverged(cluster, version);

      char next = 'c';
      for (Stop stop : Stop.values()) {
        String leader = replicas.leader().orElseThrow();
        List<String> standbys = replicas.alive().stream().filter(r -> !r.equals(leader)).toList();
        OperatorProcess process = replicas.get(leader);
        Instant stopped = Instant.now();
        switch (stop) {
          case SIGKILL -> process.kill();
          case SIGTERM -> {
            process.terminate();
            // A kubelet waits 30 s (terminationGracePeriodSeconds) before it sends SIGKILL.
            Duration exiting = Duration.between(stopped, Instant.now());
            figures.put(
                "SIGTERM exit", "the leader exited " + exiting.toMillis() + " ms after SIGTERM");
            assertThat(exiting)
                .as("time for the leader to exit on SIGTERM")
                .isLessThan(Duration.ofSeconds(30));
          }
          case SIGSTOP -> process.pause();
        }
        // Churn while nobody leads: every service changes twice before a standby can take over.
        applyAll(cluster, ++version);
        applyAll(cluster, ++version);
        eventually(WAIT).until(() -> replicas.leader().filter(standbys::contains).isPresent());
        Instant tookOver = Instant.now();
        String newLeader = replicas.leader().orElseThrow();
        if (stop == Stop.SIGTERM) {
          // A leader that stops gracefully hands the lease over; without that the standby waits for
          // it to run out (15 s after the last renewal).
          assertThat(Duration.between(stopped, tookOver))
              .as("hand-over after SIGTERM")
              .isLessThan(HAND_OVER);
        }
        awaitConverged(cluster, version);
        Instant converged = Instant.now();
        if (stop == Stop.SIGSTOP) {
          // The frozen leader wakes up holding a lease that is no longer its own: it must step down
          // and exit.
          resumedAt.put(leader, Instant.now());
          process.resume();
          eventually(WAIT).until(() -> process.exitCode().isPresent());
          figures.put(
              stop + " woke-up leader", "exited by itself with code " + process.exitCode().get());
        }
        figures.put(
            stop + " " + leader + " -> " + newLeader,
            String.format(
                "new leader after %d ms, all %d services on the latest spec after %d ms",
                Duration.between(stopped, tookOver).toMillis(),
                SERVICES.size(),
                Duration.between(stopped, converged).toMillis()));
        replicas.start("replica-" + next++);
      }
      // The last leader stays quiet once everything converged; then read what the API server
      // recorded.
      awaitConverged(cluster, version);
    }

    List<AuditLog.Write> writes = audit.writes(cluster.namespace());
    Map<String, List<AuditLog.Write>> actions =
        writes.stream()
            .filter(AuditLog.Write::isAction)
            .collect(
                Collectors.groupingBy(
                    w -> w.user().substring(w.user().lastIndexOf(':') + 1),
                    LinkedHashMap::new,
                    Collectors.toList()));
    assertThat(actions).as("replicas that acted").hasSizeGreaterThanOrEqualTo(Stop.values().length);
    List<Map.Entry<String, List<AuditLog.Write>>> byFirstAction =
        new ArrayList<>(actions.entrySet());
    byFirstAction.sort(Comparator.comparing(e -> e.getValue().get(0).at()));
    for (int i = 1; i < byFirstAction.size(); i++) {
      var earlier = byFirstAction.get(i - 1);
      var later = byFirstAction.get(i);
      Instant lastOfEarlier = earlier.getValue().get(earlier.getValue().size() - 1).at();
      Instant firstOfLater = later.getValue().get(0).at();
      assertThat(lastOfEarlier)
          .as(
              "%s's last write must precede %s's first; writes around the hand-over:%n%s",
              earlier.getKey(), later.getKey(), around(writes, firstOfLater))
          .isBefore(firstOfLater);
    }
    for (var replica : actions.entrySet()) {
      Instant acquired =
          writes.stream()
              .filter(
                  w -> w.isLease() && w.succeeded() && w.user().endsWith(":" + replica.getKey()))
              .map(AuditLog.Write::at)
              .findFirst()
              .orElseThrow();
      assertThat(replica.getValue().get(0).at())
          .as("%s acted before it took the Lease", replica.getKey())
          .isAfterOrEqualTo(acquired);
    }
    resumedAt.forEach(
        (paused, resumed) ->
            assertThat(actions.getOrDefault(paused, List.of()))
                .as("writes of %s after it woke up from SIGSTOP", paused)
                .noneMatch(w -> w.at().isAfter(resumed)));

    figures.forEach(
        (what, figure) -> System.out.printf("[figure] leader failover: %s: %s%n", what, figure));
    System.out.printf(
        "[figure] leader failover: writes per replica (audit log, leases excluded): %s;"
            + " overlapping write periods: 0%n",
        actions.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue().size())
            .collect(Collectors.joining(", ")));
  }

  private static String around(List<AuditLog.Write> writes, Instant moment) {
    return writes.stream()
        .filter(w -> Duration.between(w.at(), moment).abs().toSeconds() < 5)
        .map(AuditLog.Write::toString)
        .collect(Collectors.joining("\n"));
  }

  private static String image(String service, int version) {
    return "lscr.io/linuxserver/" + service + ":1." + version + ".0";
  }

  private static void applyAll(TestCluster cluster, int version) {
    StringBuilder all = new StringBuilder();
    for (String service : SERVICES) {
      all.append(
          """
          ---
          apiVersion: stackpilot.io/v1alpha1
          kind: MediaService
          metadata: {name: %s}
          spec:
            channels: {stable: {image: %s}}
            ports: [{name: http, port: 8080}]
          """
              .formatted(service, image(service, version)));
    }
    cluster.kubectlWithInput(all.toString(), "apply", "-f", "-").assertSuccess();
  }

  private static void awaitConverged(TestCluster cluster, int version) {
    eventually(WAIT)
        .untilAsserted(
            () -> {
              for (String service : SERVICES) {
                MediaService current = Owned.service(cluster, service);
                assertThat(current.getStatus().getObservedGeneration())
                    .isEqualTo(current.getMetadata().getGeneration());
                assertThat(current.getStatus().getImage()).isEqualTo(image(service, version));
                assertThat(current.getStatus().getPhase()).isEqualTo("Healthy");
                assertThat(Owned.allReadyOn(cluster, service, image(service, version), 1)).isTrue();
              }
            });
  }
}
