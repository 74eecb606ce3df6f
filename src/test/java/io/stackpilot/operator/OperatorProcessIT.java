package io.stackpilot.operator;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.phase;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.testing.FirstSeen;
import io.stackpilot.testing.OperatorProcess;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator as a user runs it, in a process of its own from the jar, bringing the example stack
 * to Ready; and the figures for the closing note of issue 8: the jar's size, the time from process
 * start to the first reconcile, and the resident memory with the stack Ready.
 */
@WithLocalCluster
class OperatorProcessIT {

  /**
   * The chart's defaults: a 512 MiB memory limit with MaxRAMPercentage=75 gives a 384 MiB heap, set
   * directly here because this process has no container limit; JSON logs as the chart configures.
   */
  private static final List<String> CHART_JVM_FLAGS =
      List.of(
          "-Xmx384m",
          "-XX:+ExitOnOutOfMemoryError",
          "-Dlogback.configurationFile=logback-json.xml");

  @Test
  void theJarRunsTheExampleStackToReady(TestCluster cluster) throws Exception {
    assertThat(OperatorProcess.JAR)
        .as("the jar, which the package phase builds before the integration tests")
        .exists();
    cluster.installCrds();
    // The stack is there before the operator starts, so its first reconcile follows start-up
    // directly.
    cluster.kubectl("apply", "-f", "examples/homelab/").assertSuccess();
    KubernetesClient client = cluster.client();
    String namespace = cluster.namespace();

    try (var media =
            new FirstSeen<>(
                client.resources(MediaService.class).inNamespace(namespace),
                OperatorProcessIT::reconciled);
        var security =
            new FirstSeen<>(
                client.resources(SecurityService.class).inNamespace(namespace),
                OperatorProcessIT::reconciled);
        var monitoring =
            new FirstSeen<>(
                client.resources(MonitoringService.class).inNamespace(namespace),
                OperatorProcessIT::reconciled);
        OperatorProcess operator = OperatorProcess.start(cluster, CHART_JVM_FLAGS)) {
      eventually(Duration.ofMinutes(2))
          .until(
              () ->
                  !operator.isAlive()
                      || media.at().isPresent()
                      || security.at().isPresent()
                      || monitoring.at().isPresent());
      assertThat(operator.isAlive())
          .as("the operator process exited:%n%s", operator.output())
          .isTrue();
      Instant firstReconcile =
          Stream.of(media.at(), security.at(), monitoring.at())
              .flatMap(Optional::stream)
              .min(Instant::compareTo)
              .orElseThrow();

      eventually(Duration.ofMinutes(3))
          .untilAsserted(
              () -> {
                assertThat(operator.isAlive())
                    .as("the operator process exited:%n%s", operator.output())
                    .isTrue();
                List<StackService> services = services(client, namespace);
                assertThat(services).hasSize(7);
                assertThat(services)
                    .allSatisfy(
                        s ->
                            assertThat(ready(s))
                                .as(
                                    "%s/%s Ready (phase %s)",
                                    s.getKind(), s.getMetadata().getName(), phase(s))
                                .isTrue());
              });
      Instant allReady = Instant.now();
      long rssKib = operator.statusKib("VmRSS");
      long peakKib = operator.statusKib("VmHWM");
      long liveHeapKib = operator.liveHeapKib();

      long jarBytes = Files.size(OperatorProcess.JAR);
      System.out.printf(
          "[figure] operator process: jar %s is %.1f MiB (%d bytes)%n",
          OperatorProcess.JAR, jarBytes / 1048576.0, jarBytes);
      System.out.printf(
          "[figure] operator process: process start to first reconcile (first status written) %d ms%n",
          Duration.between(operator.startedAt(), firstReconcile).toMillis());
      System.out.printf(
          "[figure] operator process: process start to the example stack's 7 services Ready %d ms%n",
          Duration.between(operator.startedAt(), allReady).toMillis());
      System.out.printf(
          "[figure] operator process: resident memory with the example stack Ready: VmRSS %d MiB, peak VmHWM %d MiB"
              + " (JVM flags %s)%n",
          rssKib / 1024, peakKib / 1024, String.join(" ", operator.jvmFlags()));
      System.out.printf(
          "[figure] operator process: heap in use after a full GC (live set) %d MiB%n",
          liveHeapKib / 1024);
      // Start-up and memory depend on what else the cores are doing: say how busy they were.
      String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
      System.out.printf(
          "[figure] operator process: machine of %d cores, load average (1, 5, 15 min) %s, %s, %s%n",
          Runtime.getRuntime().availableProcessors(), load[0], load[1], load[2]);
      assertThat(rssKib).as("VmRSS in kB").isPositive();
      assertThat(liveHeapKib)
          .as("live heap in kB, which must fit in the resident memory")
          .isPositive()
          .isLessThan(rssKib);
      assertThat(operator.output())
          .as("structured logs with the arguments filled in")
          .contains(
              "\"formattedMessage\":\"Stackpilot runs, watching "
                  + namespace
                  + "; endpoints on port ");
    }
  }

  private static boolean reconciled(StackService service) {
    return service.getStatus() != null && service.getStatus().getObservedGeneration() != null;
  }

  private static List<StackService> services(KubernetesClient client, String namespace) {
    return Stream.of(MediaService.class, SecurityService.class, MonitoringService.class)
        .flatMap(kind -> client.resources(kind).inNamespace(namespace).list().getItems().stream())
        .map(StackService.class::cast)
        .toList();
  }
}
