package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.StackService;
import io.stackpilot.operator.OperatorClients;
import io.stackpilot.operator.StackpilotOperator;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC, proven on a real API server with RBAC on: the operator runs in this JVM as the
 * chart's ServiceAccount (by impersonation, so every request is authorised as that account would
 * be), brings the homelab example to Ready with nothing more than the chart grants, and is refused
 * what the chart does not grant. Without the chart's RoleBinding it can read nothing, so the first
 * half cannot pass by accident (an API server that authorised everything would fail the second
 * half).
 */
@WithLocalCluster
class LeastPrivilegeIT {

  private static final String CHART = "helm/stackpilot";

  /** Release "stackpilot": the chart names its ServiceAccount, Role and RoleBinding after it. */
  private static final String RELEASE = "stackpilot";

  private static final List<String> CRDS =
      List.of(
          "servicestacks.stackpilot.io",
          "mediaservices.stackpilot.io",
          "securityservices.stackpilot.io",
          "monitoringservices.stackpilot.io");
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final Duration LEASE = Duration.ofSeconds(6);

  @Test
  void chartPermissionsRunTheHomelabAndNothingMore(TestCluster cluster) {
    KubernetesClient admin = cluster.client();
    String namespace = cluster.namespace();
    cluster.installCrds();
    helmInstallConfinedTo(cluster, namespace);

    String otherNamespace = namespace + "-other";
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(otherNamespace)
                .addToLabels("stackpilot.io/test", "true")
                .endMetadata()
                .build())
        .create();
    // Two clients with the ServiceAccount's rights: the operator's, which names itself as the
    // operator does (so the API server's audit log counts its requests as the operator's), and the
    // test's own, whose deliberately forbidden probes below are not the operator's requests.
    try (KubernetesClient operatorClient = impersonatingChartServiceAccount(cluster, true);
        KubernetesClient operatorIdentity = impersonatingChartServiceAccount(cluster, false)) {
      admin
          .secrets()
          .inNamespace(otherNamespace)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("not-yours")
                  .endMetadata()
                  .addToStringData("token", "elsewhere")
                  .build())
          .create();

      // 1. What the chart grants is enough: every service of the example stack becomes Ready, with
      // every read and write (informers, server-side apply, status, Events, Secrets by name) made
      // as the ServiceAccount. The Role grants nothing cluster-wide, so the watches of the
      // companion APIs' CRDs are refused and the operator looks them up now and then instead.
      // Elected through the chart's leader-election Role, as the chart runs it: the lease must be
      // created, and renewed, with only what that Role grants.
      StackpilotOperator operator =
          StackpilotOperator.settings(operatorClient)
              .namespaces(Set.of(namespace))
              .leaderElection(namespace, "least-privilege", LEASE, false)
              .build();
      try {
        // Every informer lists and watches as the ServiceAccount: a missing rule fails the start.
        operator.start();
        long start = System.nanoTime();
        cluster.kubectl("apply", "-f", "examples/homelab/").assertSuccess();
        await()
            .atMost(SETTLE)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .untilAsserted(
                () -> {
                  List<StackService> services = services(admin, namespace);
                  assertThat(services).hasSize(7);
                  assertThat(services)
                      .allSatisfy(
                          s ->
                              assertThat(ServiceQueries.ready(s))
                                  .as(
                                      "%s/%s Ready (phase %s)",
                                      s.getKind(),
                                      s.getMetadata().getName(),
                                      ServiceQueries.phase(s))
                                  .isTrue());
                });
        // The stack isolates its members: the NetworkPolicies were created as the ServiceAccount
        // too.
        assertThat(admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems())
            .as("NetworkPolicies of the isolated stack")
            .isNotEmpty();
        System.out.printf(
            "[figure] homelab Ready under the chart's RBAC (impersonated ServiceAccount): %d ms%n",
            (System.nanoTime() - start) / 1_000_000);
        // Still the leader after renewing the lease: a renewal the Role did not allow would have
        // lost it.
        var acquired = lease(admin, namespace).getSpec().getAcquireTime();
        await()
            .atMost(SETTLE)
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(
                () -> {
                  var lease = lease(admin, namespace).getSpec();
                  assertThat(lease.getHolderIdentity()).isEqualTo("least-privilege");
                  assertThat(lease.getAcquireTime()).isEqualTo(acquired);
                  assertThat(lease.getRenewTime().toInstant())
                      .isAfter(acquired.toInstant().plus(LEASE));
                });
      } finally {
        operator.close();
      }

      // A Secret the spec names may be read one by one, in the watched namespace.
      assertThat(
              operatorIdentity.secrets().inNamespace(namespace).withName("authelia-secrets").get())
          .isNotNull();

      // 2. What the chart does not grant is refused.
      assertForbidden(
          "get a Secret in another namespace",
          () -> operatorIdentity.secrets().inNamespace(otherNamespace).withName("not-yours").get());
      // Secrets are watched in the watched namespaces (key names kept, values dropped), nowhere
      // else.
      assertForbidden(
          "list Secrets in another namespace",
          () -> operatorIdentity.secrets().inNamespace(otherNamespace).list());
      assertForbidden(
          "watch CustomResourceDefinitions from a namespaced Role",
          () -> operatorIdentity.apiextensions().v1().customResourceDefinitions().list());
      assertForbidden(
          "delete the user's PersistentVolumeClaim",
          () ->
              operatorIdentity
                  .persistentVolumeClaims()
                  .inNamespace(namespace)
                  .withName("media-library")
                  .delete());
      // The operator reads its resources from informers only, never one by one.
      assertForbidden(
          "get a MediaService by name",
          () ->
              operatorIdentity
                  .resources(MediaService.class)
                  .inNamespace(namespace)
                  .withName("sonarr")
                  .get());
      MediaService sonarr =
          admin.resources(MediaService.class).inNamespace(namespace).withName("sonarr").get();
      assertForbidden(
          "server-side apply a MediaService's spec",
          () -> {
            MediaService changed = specChange(operatorIdentity, sonarr);
            operatorIdentity
                .resource(changed)
                .fieldManager("someone-else")
                .forceConflicts()
                .serverSideApply();
          });
      assertForbidden(
          "update a MediaService's spec",
          () -> operatorIdentity.resource(specChange(operatorIdentity, sonarr)).update());
      assertForbidden(
          "create a ClusterRole",
          () ->
              operatorIdentity
                  .rbac()
                  .clusterRoles()
                  .resource(
                      new ClusterRoleBuilder()
                          .withNewMetadata()
                          .withName(namespace + "-escalate")
                          .endMetadata()
                          .build())
                  .create());

      // 3. The other way round: without the chart's RoleBinding the same identity reads nothing,
      // and an operator started with it does not come up.
      admin.rbac().roleBindings().inNamespace(namespace).withName(RELEASE).delete();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () ->
                  assertForbidden(
                      "list MediaServices without the RoleBinding",
                      () ->
                          operatorIdentity
                              .resources(MediaService.class)
                              .inNamespace(namespace)
                              .list()));
      assertForbidden(
          "get a Secret by name without the RoleBinding",
          () ->
              operatorIdentity.secrets().inNamespace(namespace).withName("authelia-secrets").get());
      assertForbidden(
          "list Deployments without the RoleBinding",
          () -> operatorIdentity.apps().deployments().inNamespace(namespace).list());
      StackpilotOperator unbound =
          StackpilotOperator.settings(operatorClient).namespaces(Set.of(namespace)).build();
      try {
        assertThatThrownBy(unbound::start)
            .as("operator start without the RoleBinding")
            .satisfies(
                e ->
                    assertThat(causes(e))
                        .as("causes of %s", e)
                        .anyMatch(LeastPrivilegeIT::isForbidden));
      } finally {
        unbound.close();
      }
    } finally {
      admin.namespaces().withName(otherNamespace).delete();
    }
  }

  /**
   * The chart watching only the test namespace, one replica. Its pods run no real operator (the
   * local cluster's nodes are simulated), so the only Stackpilot acting here is the one in this
   * JVM.
   */
  private static void helmInstallConfinedTo(TestCluster cluster, String namespace) {
    // installCrds() applied crds/ already; a first install would otherwise try to create them
    // again.
    boolean crdsPresent =
        CRDS.stream()
            .allMatch(
                crd ->
                    cluster
                            .client()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(crd)
                            .get()
                        != null);
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                RELEASE,
                CHART,
                "--set",
                "watchNamespaces={" + namespace + "}",
                "--set",
                "replicas=1"));
    if (crdsPresent) {
      args.add("--skip-crds");
    }
    CommandResult install = cluster.helm(args.toArray(String[]::new));
    assertThat(install.succeeded()).as(install.describe()).isTrue();
    assertThat(
            cluster.client().rbac().roleBindings().inNamespace(namespace).withName(RELEASE).get())
        .as("the chart's RoleBinding")
        .isNotNull();
  }

  /**
   * A client authorised exactly as the chart's ServiceAccount: user and groups as a token would
   * give them.
   */
  private static KubernetesClient impersonatingChartServiceAccount(
      TestCluster cluster, boolean asTheOperator) {
    Config config = cluster.controlPlane().config();
    String namespace = cluster.namespace();
    config.setImpersonateUsername("system:serviceaccount:" + namespace + ":" + RELEASE);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    return (asTheOperator
            ? OperatorClients.builder(config)
            : new KubernetesClientBuilder().withConfig(config))
        .build();
  }

  private static Lease lease(KubernetesClient client, String namespace) {
    return client.leases().inNamespace(namespace).withName(StackpilotOperator.LEASE_NAME).get();
  }

  private static MediaService specChange(KubernetesClient client, MediaService service) {
    MediaService changed = client.getKubernetesSerialization().clone(service);
    changed.getMetadata().setManagedFields(null);
    changed.setStatus(null);
    changed.getSpec().getChannels().getStable().setImage("lscr.io/linuxserver/sonarr:4.0.16");
    return changed;
  }

  private static void assertForbidden(String what, ThrowingCallable call) {
    assertThatThrownBy(call)
        .as(what)
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getCode())
                    .as("%s: HTTP status of %s", what, e.getMessage())
                    .isEqualTo(403));
  }

  private static boolean isForbidden(Throwable t) {
    return t instanceof KubernetesClientException k && k.getCode() == 403
        || String.valueOf(t.getMessage()).contains("forbidden");
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
      for (Throwable suppressed : t.getSuppressed()) {
        chain.add(suppressed);
      }
    }
    return chain;
  }

  private static List<StackService> services(KubernetesClient client, String namespace) {
    List<StackService> all = new ArrayList<>();
    all.addAll(client.resources(MediaService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(SecurityService.class).inNamespace(namespace).list().getItems());
    all.addAll(client.resources(MonitoringService.class).inNamespace(namespace).list().getItems());
    return all;
  }
}
