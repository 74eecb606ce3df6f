package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.events;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.pods;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.stackpilot.api.MediaService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A revision that was healthy turns unhealthy without a spec change, on a real node: the ledger app
 * keeps a fault in its volume, so neither the kubelet's restarts nor Stackpilot's clear it.
 * Stackpilot restarts the service with back-off within its budget, then reports it Degraded; once
 * the data is repaired the service recovers by itself.
 */
@WithLocalCluster
class RealNodeRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(240);

  /** The user Stackpilot's Restricted security profile runs apps as. */
  private static final int RESTRICTED_USER = 1000;

  @Test
  void aServiceWhoseReadinessStartsFailingIsRestartedWithBackOffThenDegraded(
      TestCluster cluster, RealNode node) throws IOException {
    Path data = node.hostDirectory(cluster.namespace() + "-unready", RESTRICTED_USER);
    try (RunningOperator operator = cluster.startOperator();
        var volume = LedgerVolume.create(cluster, "ledger-data", data)) {
      startLedger(cluster, "ledger-data");

      LedgerApp.get(cluster, "/cgi-bin/fault?unready");
      Instant faultSet = Instant.now();

      awaitDegraded(cluster);
      List<Event> restarts = events(cluster, "ledger", "Restarted");
      assertThat(restarts).as("restarts within the budget of 2").hasSize(2);
      // Restarted pods never pass their check; the kubelet's startup probe then restarts their
      // container, so later failures are its crash loop. The first names what happened.
      assertThat(earliest(restarts).getMessage()).contains("ReadinessLost");
      printBackOff(restarts, faultSet);
      assertThat(events(cluster, "ledger", "RolledBack")).isEmpty();

      // A human repairs the data; the kubelet's next start of the container passes its check.
      Files.delete(data.resolve("fault-unready"));
      awaitRecovered(cluster);
      assertThat(LedgerApp.get(cluster, "/cgi-bin/health")).isEqualTo("ok\n");
    }
  }

  @Test
  void aServiceKilledForMemoryAtEveryStartSpendsItsRestartBudgetThenIsDegraded(
      TestCluster cluster, RealNode node) throws IOException {
    Path data = node.hostDirectory(cluster.namespace() + "-memory", RESTRICTED_USER);
    try (RunningOperator operator = cluster.startOperator();
        var volume = LedgerVolume.create(cluster, "ledger-data", data)) {
      startLedger(cluster, "ledger-data");

      // The app allocates past its 48Mi limit from now on, at every start.
      LedgerApp.get(cluster, "/cgi-bin/fault?memory");
      Instant faultSet = Instant.now();

      MediaService degraded = awaitDegraded(cluster);
      assertThat(degraded.getStatus().getRecovery().getFailureReason())
          .as("%s", degraded.getStatus())
          .isEqualTo("OOMKilled");
      assertThat(pods(cluster, "ledger"))
          .as("the kubelet saw the container killed for memory: %s", containerStates(cluster))
          .anySatisfy(
              p ->
                  assertThat(lastTermination(p.getStatus().getContainerStatuses().get(0)))
                      .isEqualTo("OOMKilled 137"));
      List<Event> restarts = events(cluster, "ledger", "Restarted");
      assertThat(restarts).as("restarts within the budget of 2").hasSize(2);
      printBackOff(restarts, faultSet);

      Files.delete(data.resolve("fault-memory"));
      awaitRecovered(cluster);
    }
  }

  /** The ledger, healthy, on the claim; answers through its Service before the fault is set. */
  private static void startLedger(TestCluster cluster, String claim) {
    cluster.kubectlWithInput(ledger(claim), "apply", "-f", "-").assertSuccess();
    RealNodeServices.awaitReady(cluster, "ledger", WAIT);
    assertThat(LedgerApp.get(cluster, "/cgi-bin/info")).contains("version=1");
  }

  private static MediaService awaitDegraded(TestCluster cluster) {
    eventually(WAIT)
        .untilAsserted(
            () -> {
              MediaService ledger = media(cluster, "ledger");
              assertThat(ledger.getStatus().getPhase())
                  .as("%s; pods: %s", ledger.getStatus(), containerStates(cluster))
                  .isEqualTo("Degraded");
              assertThat(condition(ledger, "Stalled").getReason())
                  .as("%s", ledger.getStatus())
                  .isEqualTo("RestartBudgetSpent");
            });
    return media(cluster, "ledger");
  }

  private static void awaitRecovered(TestCluster cluster) {
    RealNodeServices.awaitReady(cluster, "ledger", WAIT);
    eventually(WAIT)
        .untilAsserted(
            () ->
                assertThat(media(cluster, "ledger").getStatus().getPhase())
                    .as("%s", media(cluster, "ledger").getStatus())
                    .isEqualTo("Healthy"));
  }

  private static Event earliest(List<Event> events) {
    return events.stream()
        .min(Comparator.comparing(e -> Instant.parse(firstTime(e))))
        .orElseThrow();
  }

  /** The time from the fault to each restart: the gap between restarts grows with back-off. */
  private static void printBackOff(List<Event> restarts, Instant faultSet) {
    List<Instant> times =
        restarts.stream()
            .map(e -> Instant.parse(firstTime(e)))
            .sorted(Comparator.naturalOrder())
            .toList();
    System.out.printf(
        "[figure] real node: fault set to restarts at %s s%n",
        times.stream().map(t -> Duration.between(faultSet, t).toMillis() / 1000.0).toList());
  }

  private static String firstTime(Event event) {
    if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
      return event.getEventTime().getTime();
    }
    return event.getFirstTimestamp();
  }

  private static String lastTermination(ContainerStatus status) {
    if (status.getLastState() == null || status.getLastState().getTerminated() == null) {
      return null;
    }
    var terminated = status.getLastState().getTerminated();
    return terminated.getReason() + " " + terminated.getExitCode();
  }

  private static String containerStates(TestCluster cluster) {
    return RealNodeServices.podStates(cluster, "ledger");
  }

  /**
   * The ledger on a claim the user owns, with a memory limit and a restart budget of 2. Checked
   * every second, it is out of its Service 5 s after its check starts failing and restarted by the
   * kubelet's liveness probe 10 s after; the failure window of 2 s lets Stackpilot see the lost
   * readiness before that.
   */
  private static String ledger(String claim) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: ledger
        spec:
          # The folder on the node belongs to Restricted's uid, 1000.
          securityProfile: Restricted
          channels:
            stable:
              image: stackpilot.test/ledger:v1
          ports:
            - name: http
              port: 8080
          storage:
            - name: data
              mountPath: /data
              existingClaim: %s
          resources:
            limits: {memory: 48Mi}
            requests: {memory: 16Mi}
          health:
            http: {path: /cgi-bin/health, port: http}
            initialDelaySeconds: 1
            periodSeconds: 1
            failureThreshold: 5
            # A restarted pod that never answers is killed after 10 s, as its liveness would.
            startup: {timeout: 10s, periodSeconds: 1}
          nodeSelector:
            %s: real
          tolerations:
            - {key: %s, operator: Exists, effect: NoSchedule}
          recovery:
            failureWindow: 2s
            progressDeadline: 60s
            maxRestarts: 2
            restartWindow: 10m
        """
        .formatted(claim, RealNode.LABEL, RealNode.TAINT);
  }
}
