package io.stackpilot.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stackpilot.api.MediaService;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.RunsLast;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.SuiteRecord;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 8: every request the operator made during the whole integration run, read from the
 * API server's audit log (the operator's client names itself in its User-Agent), against what the
 * chart grants. Each kind of request must be allowed to the chart's ServiceAccount, as the API
 * server's own authorizer answers for it (the chart installed here, with default values); and each
 * grant of the chart must have been used, but for the exceptions below, each with its reason.
 *
 * <p>It judges the run, so it runs last: failsafe orders classes by {@link Order} (the pom sets the
 * class orderer) and {@link SuiteRecord} fails any class that starts after it. Run alone, it makes
 * requests of its own (the homelab example) for the first check and skips the second.
 */
@WithLocalCluster
@RunsLast
@Order(Integer.MAX_VALUE)
class RbacAuditIT {

  private static final String RELEASE = "stackpilot-audit";

  /**
   * Granted, and rightly, but never a request. The finalizers rule is what the
   * OwnerReferencesPermissionEnforcement admission plugin (on in OpenShift) checks before it lets a
   * rendered object's owner reference block its owner's deletion: it is never an API call, and this
   * control plane runs without that plugin. Update on leases is what the operator framework checks
   * for (a SelfSubjectRulesReview) before it starts leader election, and it refuses to start
   * without it; the elector itself renews with a patch. Get on the rendered kinds is a read by name
   * after the API server refused one, to tell whether another controller holds its name: a run
   * meets it only for the kinds its refusals happen to hit (Services, in most runs).
   */
  static final Map<String, String> UNUSED_ON_PURPOSE =
      Map.of(
          "update stackpilot.io/mediaservices/finalizers",
              "checked by an admission plugin, never requested",
          "update stackpilot.io/securityservices/finalizers",
              "checked by an admission plugin, never requested",
          "update stackpilot.io/monitoringservices/finalizers",
              "checked by an admission plugin, never requested",
          "update coordination.k8s.io/leases",
              "checked by the framework before it elects, never requested",
          "get configmaps", "read by name only when the API server refuses a rendered ConfigMap",
          "get networking.k8s.io/ingresses",
              "read by name only when the API server refuses a rendered Ingress",
          "get networking.k8s.io/networkpolicies",
              "read by name only when the API server refuses a rendered NetworkPolicy",
          "get gateway.networking.k8s.io/httproutes",
              "read by name only when the API server refuses a rendered HTTPRoute",
          "get monitoring.coreos.com/servicemonitors",
              "read by name only when the API server refuses a service's own ServiceMonitor");

  private static boolean wholeRun;
  private static AuditLog audit;

  @BeforeAll
  static void readTheAuditLog(TestCluster cluster) {
    Set<String> others = new TreeSet<>(SuiteRecord.clusterTestClasses());
    others.remove(RbacAuditIT.class.getName());
    wholeRun = SuiteRecord.startedBefore(RbacAuditIT.class).containsAll(others);
    System.out.printf(
        "[figure] rbac audit: %d of %d other integration test classes ran before it%n",
        SuiteRecord.startedBefore(RbacAuditIT.class).size(), others.size());
    if (!wholeRun) {
      makeRequestsOfItsOwn(cluster);
    }
    audit = AuditLog.read(cluster.controlPlane().auditLogs());
    CommandResult install =
        cluster.helm("install", RELEASE, "helm/stackpilot", "--skip-crds", "--set", "replicas=1");
    assertThat(install.succeeded()).as(install.describe()).isTrue();
  }

  @AfterAll
  static void uninstall(TestCluster cluster) {
    // The ClusterRole and its binding outlive the namespace otherwise.
    cluster.helm("uninstall", RELEASE);
  }

  @Test
  void everyRequestTheOperatorMadeIsGrantedByTheChart(TestCluster cluster) {
    AccessReviews reviews = new AccessReviews(cluster.client(), cluster.namespace(), RELEASE);
    Map<OperatorRequest, Long> counts = audit.counts();
    Map<String, String> refused = new TreeMap<>();
    counts.forEach(
        (request, times) -> {
          if (!reviews.allowed(request)) {
            refused.put(request.toString(), times + " request(s)");
          }
        });
    System.out.printf(
        "[figure] rbac audit: %d audit events, %d of them the operator's requests, %d kinds of"
            + " request (verb x resource), %d not granted%n",
        audit.events(), audit.requests(), counts.size(), refused.size());
    counts.forEach((request, times) -> System.out.printf("  %-60s %8d%n", request, times));
    assertThat(audit.requests()).as("operator requests in the audit log").isPositive();
    assertThat(refused).as("requests the chart's ServiceAccount would be refused").isEmpty();
  }

  @Test
  void everyGrantOfTheChartWasUsedByTheRun(TestCluster cluster) {
    assumeTrue(
        wholeRun,
        "only the whole integration run uses every grant; this run left test classes out");
    Set<String> used = new TreeSet<>();
    audit.counts().keySet().stream()
        .filter(OperatorRequest::isResource)
        .forEach(r -> used.add(ChartRules.line(r.verb(), r.group(), r.resourceWithSubresource())));
    Set<String> granted = ChartRules.granted(cluster);
    Map<String, String> table = new LinkedHashMap<>();
    for (String grant : granted) {
      long times =
          audit.counts().entrySet().stream()
              .filter(
                  e ->
                      e.getKey().isResource()
                          && ChartRules.line(
                                  e.getKey().verb(),
                                  e.getKey().group(),
                                  e.getKey().resourceWithSubresource())
                              .equals(grant))
              .mapToLong(Map.Entry::getValue)
              .sum();
      table.put(
          grant,
          times > 0 ? times + " request(s)" : UNUSED_ON_PURPOSE.getOrDefault(grant, "NEVER USED"));
    }
    System.out.printf(
        "[figure] rbac audit: the chart grants %d verb x resource, %d used in the run, %d"
            + " granted on purpose without a request%n",
        granted.size(), granted.stream().filter(used::contains).count(), UNUSED_ON_PURPOSE.size());
    table.forEach((grant, use) -> System.out.printf("  %-60s %s%n", grant, use));

    assertThat(granted)
        .as("exceptions name grants the chart has")
        .containsAll(UNUSED_ON_PURPOSE.keySet());
    List<String> unused =
        granted.stream()
            .filter(g -> !used.contains(g) && !UNUSED_ON_PURPOSE.containsKey(g))
            .toList();
    assertThat(unused).as("grants of the chart no request of the run used").isEmpty();
  }

  /**
   * Run alone: the homelab example, brought up by an operator, so the audit log has requests to
   * judge.
   */
  private static void makeRequestsOfItsOwn(TestCluster cluster) {
    try (RunningOperator operator = cluster.startOperator()) {
      cluster.kubectl("apply", "-f", "examples/homelab/").assertSuccess();
      ServiceQueries.eventually(Duration.ofSeconds(180))
          .until(() -> ServiceQueries.ready(ServiceQueries.media(cluster, "sonarr")));
      assertThat(
              cluster
                  .client()
                  .resources(MediaService.class)
                  .inNamespace(cluster.namespace())
                  .list()
                  .getItems())
          .isNotEmpty();
    }
  }
}
