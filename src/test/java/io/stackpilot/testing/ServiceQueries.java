package io.stackpilot.testing;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.operator.StackpilotOperator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;

/** Reads what integration tests check about services, their Deployments, pods and Events. */
public final class ServiceQueries {

  private ServiceQueries() {}

  /**
   * Awaits a condition on objects that may not have the fields yet: those lookups fail until they
   * do.
   */
  public static ConditionFactory eventually(Duration atMost) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
  }

  public static MediaService media(TestCluster cluster, String name) {
    return cluster
        .client()
        .resources(MediaService.class)
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  public static SecurityService security(TestCluster cluster, String name) {
    return cluster
        .client()
        .resources(SecurityService.class)
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  public static MonitoringService monitoring(TestCluster cluster, String name) {
    return cluster
        .client()
        .resources(MonitoringService.class)
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  public static Deployment deployment(TestCluster cluster, String name) {
    return cluster
        .client()
        .apps()
        .deployments()
        .inNamespace(cluster.namespace())
        .withName(name)
        .get();
  }

  public static String image(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  public static List<Pod> pods(TestCluster cluster, String name) {
    return cluster
        .client()
        .pods()
        .inNamespace(cluster.namespace())
        .withLabel("app.kubernetes.io/instance", name)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  public static List<Event> events(TestCluster cluster, String name, String reason) {
    return cluster
        .client()
        .v1()
        .events()
        .inNamespace(cluster.namespace())
        .list()
        .getItems()
        .stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }

  public static boolean ready(StackService service) {
    return service != null
        && service.getStatus() != null
        && condition(service, "Ready") != null
        && "True".equals(condition(service, "Ready").getStatus());
  }

  public static String phase(StackService service) {
    return service == null || service.getStatus() == null ? "none" : service.getStatus().getPhase();
  }

  public static Condition condition(StackService service, String type) {
    if (service.getStatus() == null || service.getStatus().getConditions() == null) {
      return null;
    }
    return service.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /** Who holds the operator's leader Lease in the test's namespace, as the Lease names it. */
  public static Optional<String> leaseHolder(TestCluster cluster) {
    var lease =
        cluster
            .client()
            .leases()
            .inNamespace(cluster.namespace())
            .withName(StackpilotOperator.LEASE_NAME)
            .get();
    return Optional.ofNullable(lease).map(Lease::getSpec).map(LeaseSpec::getHolderIdentity);
  }
}
