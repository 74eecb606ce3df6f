package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.Stacks;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The operator as users run it: the image built here, installed by {@code helm install} of the
 * chart onto the real node, its two replicas Ready through their real /readyz and talking to the
 * API server with their service account's token. Then what users do to a release over its life:
 * {@code helm test}, losing the leader's pod, {@code helm upgrade} to a new image and {@code helm
 * uninstall}, each without touching the services it runs beyond what they asked.
 */
@WithLocalCluster
class RealNodeHelmInstallIT {

  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final String RELEASE = "stackpilot";
  private static final String CHART = "helm/stackpilot";
  private static final String NEXT_TAG = "0.1.0-next";
  private static final List<String> SERVICES = List.of("ledger", "podinfo");

  /** The README's example stack: 4 media services, Authelia, Prometheus and Grafana. */
  private static final int EXAMPLE_SERVICES = 7;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theChartRunsTheImageBuiltHereAndItsTestTakeoverUpgradeAndUninstallKeepTheServices(
      TestCluster cluster, RealNode node) throws Exception {
    node.storage();
    OperatorImage.importInto(node);
    // The README's example stack gets a namespace of its own (its stack is named home too), which
    // the release also watches: its linuxserver.io apps start as root, so Pod Security baseline.
    String example = cluster.namespace() + "-example";
    cluster
        .client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(example)
                .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
                .endMetadata()
                .build())
        .create();
    try {
      installedOperatorRunsEverything(cluster, node, example);
    } finally {
      cluster.kubectl("delete", "namespace", example, "--wait=false").assertSuccess();
    }
  }

  private static void installedOperatorRunsEverything(
      TestCluster cluster, RealNode node, String example) throws Exception {
    Instant installing = Instant.now();
    helm(cluster, "install", RELEASE, CHART, "--values", values(cluster, example).toString());
    System.out.printf(
        "[figure] helm install --wait: both replicas Ready on the real node in %d ms%n",
        since(installing));
    List<Pod> replicas = operatorPods(cluster);
    assertThat(replicas)
        .as("the operator's pods")
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.getSpec().getNodeName()).isEqualTo(RealNode.NAME);
              assertThat(ready(p)).as("%s: %s", p.getMetadata().getName(), p.getStatus()).isTrue();
            });

    Instant applying = Instant.now();
    Stacks.applyHome(cluster);
    cluster.kubectlWithInput(services("first-build"), "apply", "-f", "-").assertSuccess();
    for (String service : SERVICES) {
      RealNodeServices.awaitReady(cluster, service, WAIT);
    }
    System.out.printf(
        "[figure] stack applied -> %s Ready under the installed operator: %d ms%n",
        SERVICES, since(applying));

    Instant applyingExample = Instant.now();
    cluster
        .kubectlWithInput(HomelabOnTheRealNode.yaml(), "--namespace", example, "apply", "-f", "-")
        .assertSuccess();
    eventually(Duration.ofSeconds(300))
        .untilAsserted(
            () -> {
              List<StackService> services = new ArrayList<>();
              for (Class<? extends StackService> kind :
                  List.of(MediaService.class, SecurityService.class, MonitoringService.class)) {
                services.addAll(
                    cluster.client().resources(kind).inNamespace(example).list().getItems());
              }
              assertThat(services).hasSize(EXAMPLE_SERVICES);
              assertThat(services)
                  .allSatisfy(
                      s ->
                          assertThat(ServiceQueries.ready(s))
                              .as(
                                  "%s/%s Ready; status: %s",
                                  s.getKind(), s.getMetadata().getName(), s.getStatus())
                              .isTrue());
            });
    System.out.printf(
        "[figure] the example stack (7 services, stand-in images) Ready under the installed"
            + " operator %d ms after the apply%n",
        since(applyingExample));

    Instant testing = Instant.now();
    CommandResult test = cluster.helm("test", RELEASE, "--timeout", "120s");
    assertThat(test.succeeded())
        .as("%s%n--- operator pods%n%s", test.describe(), describe(cluster))
        .isTrue();
    assertThat(test.stdout()).contains("Phase:          Succeeded");
    System.out.printf("[figure] helm test (readyz through the Service): %d ms%n", since(testing));

    String leader = leaderPod(cluster);
    String standby =
        replicas.stream()
            .map(p -> p.getMetadata().getName())
            .filter(n -> !n.equals(leader))
            .findFirst()
            .orElseThrow();
    Instant deleting = Instant.now();
    cluster.kubectl("delete", "pod", leader, "--wait=false").assertSuccess();
    eventually(WAIT)
        .untilAsserted(
            () ->
                assertThat(leaderPod(cluster))
                    .as(() -> "the lease's holder; operator pods:\n" + describe(cluster))
                    .isEqualTo(standby));
    System.out.printf(
        "[figure] leader pod deleted -> standby %s holds the lease: %d ms%n",
        standby, since(deleting));
    Instant changing = Instant.now();
    cluster.kubectlWithInput(services("second-build"), "apply", "-f", "-").assertSuccess();
    eventually(WAIT)
        .untilAsserted(
            () ->
                assertThat(RealNodeServices.request(cluster, podinfoUrl(cluster)))
                    .as("podinfo's answer after the new leader rolled it")
                    .contains("second-build"));
    RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
    System.out.printf(
        "[figure] change applied after the takeover -> podinfo's new build answering: %d ms%n",
        since(changing));

    node.tagImage(OperatorImage.NAME, "ghcr.io/stackpilot/stackpilot:" + NEXT_TAG);
    Instant upgrading = Instant.now();
    helm(cluster, "upgrade", RELEASE, CHART, "--reuse-values", "--set", "image.tag=" + NEXT_TAG);
    eventually(WAIT)
        .untilAsserted(
            () ->
                assertThat(operatorPods(cluster))
                    .as("the operator's pods after the upgrade")
                    .hasSize(2)
                    .allMatch(p -> ready(p) && image(p).endsWith(":" + NEXT_TAG)));
    String upgraded = eventually(WAIT).until(() -> leaderPod(cluster), onNewImage(cluster));
    // The new leader has reconciled each service once it counts them all: what it would have
    // rewritten, it has by then.
    eventually(WAIT)
        .untilAsserted(
            () ->
                assertThat(reconciles(cluster, upgraded))
                    .as("reconciles by the new leader %s", upgraded)
                    .isGreaterThanOrEqualTo(SERVICES.size() + EXAMPLE_SERVICES));
    AuditedRequests audited =
        auditedRequests(cluster, upgrading, List.of(cluster.namespace(), example));
    List<String> writes = audited.deploymentWrites();
    System.out.printf(
        "[figure] helm upgrade to a new image: new leader %s after %d ms; requests of the"
            + " operator's service account since the upgrade: %d, writes to the services'"
            + " Deployments among them: %d%n",
        upgraded, since(upgrading), audited.requests(), writes.size());
    assertThat(audited.requests())
        .as("the new replicas' requests, in the audit log under their service account")
        .isPositive();
    assertThat(writes).as("writes to unchanged services' Deployments").isEmpty();

    helm(cluster, "uninstall", RELEASE);
    assertThat(operatorPods(cluster)).as("operator pods after helm uninstall").isEmpty();
    for (String claim : List.of("ledger-data", "ledger-cache")) {
      var kept =
          cluster
              .client()
              .persistentVolumeClaims()
              .inNamespace(cluster.namespace())
              .withName(claim);
      assertThat(kept.get()).as("claim %s after helm uninstall", claim).isNotNull();
      assertThat(kept.get().getMetadata().getDeletionTimestamp()).isNull();
      assertThat(kept.get().getStatus().getPhase()).isEqualTo("Bound");
    }
    assertThat(LedgerApp.info(cluster))
        .as("the ledger still serves, without the operator")
        .contains("writer=");
  }

  /** helm with --wait; a failure prints the operator's pods, their logs and the events. */
  private static void helm(TestCluster cluster, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--wait", "--timeout", "180s"));
    CommandResult result = cluster.helm(all.toArray(String[]::new));
    assertThat(result.succeeded())
        .as("%s%n--- operator pods%n%s", result.describe(), describe(cluster))
        .isTrue();
  }

  /**
   * The chart's values for this node: the image the node holds (never pulled), the node's selector
   * and taint, and this namespace and the example's only (other tests' namespaces are theirs).
   */
  private static Path values(TestCluster cluster, String example) throws IOException {
    Path file = Files.createTempFile("stackpilot-values-", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(
        file,
        """
        image:
          pullPolicy: Never
        watchNamespaces: [%s, %s]
        nodeSelector: {%s: real}
        tolerations: [{key: %s, operator: Exists, effect: NoSchedule}]
        logFormat: text
        """
            .formatted(cluster.namespace(), example, RealNode.LABEL, RealNode.TAINT));
    return file;
  }

  /** The ledger on a retained and a deleted claim, and podinfo answering with {@code message}. */
  private static String services(String message) {
    return LedgerApp.onRetainedAndDeletedClaims()
        + "---\n"
        + RealNodeServices.podinfo("podinfo", "healthy")
            .replace(
                "spec:\n",
                "spec:\n  stack: home\n  env: [{name: PODINFO_UI_MESSAGE, value: "
                    + message
                    + "}]\n");
  }

  private static String podinfoUrl(TestCluster cluster) {
    return "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9898";
  }

  private static List<Pod> operatorPods(TestCluster cluster) {
    return cluster
        .client()
        .pods()
        .inNamespace(cluster.namespace())
        .withLabel("app.kubernetes.io/name", "stackpilot")
        .withLabel("app.kubernetes.io/instance", RELEASE)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  /** A leader among the replicas that run the new image. */
  private static Predicate<String> onNewImage(TestCluster cluster) {
    return leader ->
        leader != null
            && operatorPods(cluster).stream()
                .anyMatch(
                    p ->
                        p.getMetadata().getName().equals(leader)
                            && image(p).endsWith(":" + NEXT_TAG));
  }

  /**
   * The pod that holds the leader lease: a replica's identity is its pod name (HOSTNAME) and its
   * process id.
   */
  private static String leaderPod(TestCluster cluster) {
    return ServiceQueries.leaseHolder(cluster)
        .map(holder -> holder.substring(0, holder.lastIndexOf('-')))
        .orElse(null);
  }

  /** stackpilot_reconciles_total of one replica, read from its /metrics by a pod on the node. */
  private static long reconciles(TestCluster cluster, String podName) {
    Pod pod = cluster.client().pods().inNamespace(cluster.namespace()).withName(podName).get();
    String metrics =
        RealNodeServices.request(cluster, "http://" + pod.getStatus().getPodIP() + ":8080/metrics");
    return Math.round(
        metrics
            .lines()
            .filter(l -> l.startsWith("stackpilot_reconciles_total{"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
            .sum());
  }

  /** What the operator's service account asked since a moment, and its writes to Deployments. */
  private record AuditedRequests(long requests, List<String> deploymentWrites) {}

  /**
   * The requests the operator's service account made since {@code from}, and its writes to
   * Deployments in {@code namespaces} among them, read from the API server's audit log (each
   * request once, by its audit ID).
   */
  private static AuditedRequests auditedRequests(
      TestCluster cluster, Instant from, List<String> namespaces) {
    String user = "system:serviceaccount:" + cluster.namespace() + ":" + RELEASE;
    Set<String> seen = new HashSet<>();
    List<String> writes = new ArrayList<>();
    for (Path file : cluster.controlPlane().auditLogs()) {
      try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.contains("\"username\":\"" + user + "\"")) {
            continue;
          }
          JsonNode event = JSON.readTree(line);
          if (Instant.parse(event.path("requestReceivedTimestamp").asText()).isBefore(from)
              || !seen.add(event.path("auditID").asText())) {
            continue;
          }
          String verb = event.path("verb").asText();
          if (List.of("create", "update", "patch", "delete").contains(verb)
              && "deployments".equals(event.path("objectRef").path("resource").asText())
              && namespaces.contains(event.path("objectRef").path("namespace").asText())) {
            writes.add(
                verb
                    + " "
                    + event.path("objectRef").path("name").asText()
                    + " "
                    + event.path("responseStatus").path("code").asInt());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new AuditedRequests(seen.size(), writes);
  }

  private static String describe(TestCluster cluster) {
    StringBuilder out = new StringBuilder();
    for (Pod pod : operatorPods(cluster)) {
      out.append(pod.getMetadata().getName()).append(' ').append(pod.getStatus()).append('\n');
      try {
        out.append(
                cluster
                    .client()
                    .pods()
                    .inNamespace(cluster.namespace())
                    .withName(pod.getMetadata().getName())
                    .tailingLines(30)
                    .getLog())
            .append('\n');
      } catch (RuntimeException e) {
        out.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    out.append(cluster.kubectl("get", "events", "--sort-by=.lastTimestamp").stdout());
    return out.toString();
  }

  private static long since(Instant start) {
    return Duration.between(start, Instant.now()).toMillis();
  }
}
