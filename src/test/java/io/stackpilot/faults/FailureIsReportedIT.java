package io.stackpilot.faults;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.StackService;
import io.stackpilot.testing.OwnControlPlane;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reconcile that meets a failure says so, in the service's status and an Event, within 5 s; the
 * rest of the stack carries on; and the service recovers by itself once the cause goes. Three
 * causes: the CRD behind a feature is missing (Traefik's Middleware for a protected Ingress of
 * class traefik), a ValidatingAdmissionPolicy of the cluster refuses the Deployment, and the API
 * server is unreachable for 10 s in the middle of a rollout. They install a CRD and a policy, and
 * stop the API server, so they run on a control plane of their own.
 */
class FailureIsReportedIT {

  private static final Duration TOLD_WITHIN = Duration.ofSeconds(5);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static OwnControlPlane plane;

  @BeforeAll
  static void startOwnControlPlane() {
    plane = OwnControlPlane.start();
  }

  @AfterAll
  static void stopOwnControlPlane() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void aMissingCrdBehindExposeIsAFindingThatClearsWhenTheCrdIsInstalled() {
    TestCluster cluster = plane.newNamespace("missing-crd");
    try (RunningOperator operator = cluster.startOperator(Duration.ofHours(10))) {
      apply(cluster, authelia());
      eventually(WAIT).until(() -> ready(service(cluster, "SecurityService", "authelia")));

      apply(cluster, protectedMedia("radarr", "traefik"));
      Instant applied = Instant.now();
      StackService radarr =
          toldWithin(
              cluster,
              "MediaService",
              "radarr",
              applied,
              service -> {
                var valid = condition(service, "ConfigValid");
                return valid != null
                    && "False".equals(valid.getStatus())
                    && valid.getMessage() != null
                    && valid.getMessage().contains("spec.expose.ingressClassName")
                    && valid.getMessage().contains("install Traefik's CRDs");
              },
              "InvalidSpec",
              "traefik.io/v1alpha1");
      assertThat(radarr.getStatus().getValidation().getErrors())
          .as(describe(radarr))
          .anySatisfy(
              finding -> assertThat(finding.getField()).isEqualTo("spec.expose.ingressClassName"));

      nothingElseStalls(cluster);

      cluster
          .kubectl("apply", "-f", "src/test/resources/wiring/traefik-middleware-crd.yaml")
          .assertSuccess();
      Instant installed = Instant.now();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                StackService now = service(cluster, "MediaService", "radarr");
                assertThat(ready(now)).as(describe(now)).isTrue();
                assertThat(
                        cluster
                            .client()
                            .network()
                            .v1()
                            .ingresses()
                            .inNamespace(cluster.namespace())
                            .withName("radarr")
                            .get())
                    .isNotNull();
                assertThat(
                        cluster
                            .client()
                            .genericKubernetesResources("traefik.io/v1alpha1", "Middleware")
                            .inNamespace(cluster.namespace())
                            .list()
                            .getItems())
                    .hasSize(1);
              });
      System.out.printf(
          "[figure] failure reported: Traefik's CRD installed, radarr Ready with its Middleware after"
              + " %d ms%n",
          Duration.between(installed, Instant.now()).toMillis());
    }
  }

  @Test
  void anApplyRefusedByAnAdmissionPolicyIsReportedAndRetriedUntilThePolicyLetsItThrough() {
    TestCluster cluster = plane.newNamespace("admission");
    String policy = "freeze-radarr-" + cluster.namespace();
    try (RunningOperator operator = cluster.startOperator(Duration.ofHours(10))) {
      apply(
          cluster,
          """
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingAdmissionPolicy
          metadata: {name: %1$s}
          spec:
            failurePolicy: Fail
            matchConstraints:
              resourceRules:
                - apiGroups: [apps]
                  apiVersions: [v1]
                  operations: [CREATE, UPDATE]
                  resources: [deployments]
            validations:
              - expression: "object.metadata.name != 'radarr'"
                message: radarr is frozen for maintenance
          ---
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingAdmissionPolicyBinding
          metadata: {name: %1$s}
          spec:
            policyName: %1$s
            validationActions: [Deny]
            matchResources:
              namespaceSelector:
                matchLabels: {kubernetes.io/metadata.name: %2$s}
          """
              .formatted(policy, cluster.namespace()));
      // The API server takes a moment to load a policy: from the first refusal on, it is in force.
      eventually(WAIT).until(() -> refusedByThePolicy(cluster));

      apply(cluster, media("radarr", "lscr.io/linuxserver/radarr:5.14.0"));
      Instant applied = Instant.now();
      StackService radarr =
          toldWithin(
              cluster,
              "MediaService",
              "radarr",
              applied,
              service -> {
                var reconciling = condition(service, "Reconciling");
                return reconciling != null
                    && "AdmissionDenied".equals(reconciling.getReason())
                    && reconciling.getMessage().contains("radarr is frozen for maintenance");
              },
              "AdmissionDenied",
              "radarr is frozen for maintenance");
      assertThat(condition(radarr, "Stalled").getStatus())
          .as("a cluster policy is waited out, not a stall:%n%s", describe(radarr))
          .isEqualTo("False");

      nothingElseStalls(cluster);

      cluster.kubectl("delete", "validatingadmissionpolicybinding", policy).assertSuccess();
      cluster.kubectl("delete", "validatingadmissionpolicy", policy).assertSuccess();
      Instant lifted = Instant.now();
      eventually(WAIT)
          .untilAsserted(
              () -> {
                StackService now = service(cluster, "MediaService", "radarr");
                assertThat(ready(now)).as(describe(now)).isTrue();
              });
      System.out.printf(
          "[figure] failure reported: admission policy lifted, radarr Ready after %d ms (retried with"
              + " back-off, nothing watched the policy)%n",
          Duration.between(lifted, Instant.now()).toMillis());
    }
  }

  @Test
  void anApiServerUnreachableInTheMiddleOfARolloutIsToldOnceItAnswersAndTheRolloutCarriesOn()
      throws IOException {
    TestCluster cluster = plane.newNamespace("unreachable");
    try (RunningOperator operator = cluster.startOperator(Duration.ofHours(10))) {
      apply(cluster, media("sonarr", "lscr.io/linuxserver/sonarr:4.0.14"));
      apply(cluster, media("radarr", "lscr.io/linuxserver/radarr:5.14.0"));
      eventually(WAIT)
          .until(
              () ->
                  ready(service(cluster, "MediaService", "sonarr"))
                      && ready(service(cluster, "MediaService", "radarr")));

      // An upgrade that crashes. The API server goes as the new pod's first crash shows, so the
      // failure window (3 s) runs out during the outage: the operator decides the rollback then,
      // and fails to record it while the API server is gone.
      apply(cluster, media("sonarr", "lscr.io/linuxserver/sonarr:4.0.15-crashloop"));
      eventually(WAIT)
          .until(
              () ->
                  ServiceQueries.pods(cluster, "sonarr").stream()
                      .anyMatch(
                          pod ->
                              pod.getSpec().getContainers().get(0).getImage().endsWith("-crashloop")
                                  && pod.getStatus() != null
                                  && pod.getStatus().getContainerStatuses() != null
                                  && pod.getStatus().getContainerStatuses().stream()
                                      .anyMatch(
                                          c ->
                                              c.getRestartCount() != null
                                                  && c.getRestartCount() > 0)));
      plane.plane().stopApiServer();
      Instant down = Instant.now();
      await("the API server unreachable for " + OUTAGE.toSeconds() + " s")
          .during(OUTAGE)
          .atMost(OUTAGE.plusSeconds(10))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> !cluster.apiServerReachable());
      plane.plane().startApiServer();
      Instant back = Instant.now();

      Event told =
          eventually(WAIT)
              .until(
                  () ->
                      events(cluster, "sonarr", "Recovered").stream()
                          .filter(e -> e.getMessage().contains("ApiServerUnreachable"))
                          .findFirst(),
                  Optional::isPresent)
              .get();
      long toldAfter = Duration.between(back, Instant.parse(told.getFirstTimestamp())).toMillis();
      System.out.printf(
          "[figure] failure reported: API server down %d s in a rollout; told %d ms after it answered"
              + " again: %s%n",
          Duration.between(down, back).toSeconds(), toldAfter, told.getMessage());
      assertThat(Duration.ofMillis(toldAfter))
          .as("told after the API server answered again: %s", told.getMessage())
          .isLessThanOrEqualTo(TOLD_WITHIN);

      eventually(WAIT)
          .untilAsserted(
              () -> {
                MediaService sonarr =
                    cluster
                        .client()
                        .resources(MediaService.class)
                        .inNamespace(cluster.namespace())
                        .withName("sonarr")
                        .get();
                assertThat(sonarr.getStatus().getPhase())
                    .as(describe(sonarr))
                    .isEqualTo("RolledBack");
                assertThat(ServiceQueries.image(ServiceQueries.deployment(cluster, "sonarr")))
                    .isEqualTo("lscr.io/linuxserver/sonarr:4.0.14");
              });
      nothingElseStalls(cluster);
    }
  }

  /**
   * Until the status matches and an Event of the reason says the expected words; fails when that
   * takes longer than 5 s from {@code since}, printing the whole status.
   */
  private static StackService toldWithin(
      TestCluster cluster,
      String kind,
      String name,
      Instant since,
      Predicate<StackService> statusSays,
      String eventReason,
      String eventSays) {
    StackService told =
        eventually(WAIT)
            .until(
                () -> service(cluster, kind, name),
                service ->
                    service != null
                        && statusSays.test(service)
                        && events(cluster, name, eventReason).stream()
                            .anyMatch(e -> e.getMessage().contains(eventSays)));
    Duration took = Duration.between(since, Instant.now());
    System.out.printf(
        "[figure] failure reported: %s/%s said %s in status and an Event %d ms after the apply%n",
        kind, name, eventReason, took.toMillis());
    assertThat(took)
        .as("status and Event within %s; the status:%n%s", TOLD_WITHIN, describe(told))
        .isLessThanOrEqualTo(TOLD_WITHIN);
    return told;
  }

  /**
   * Another service of the namespace takes a change and rolls it out while the failing one waits.
   */
  private static void nothingElseStalls(TestCluster cluster) {
    String image = "lscr.io/linuxserver/prowlarr:1.28." + (int) (Math.random() * 1000);
    apply(cluster, media("prowlarr", image));
    eventually(WAIT)
        .untilAsserted(
            () -> {
              StackService prowlarr = service(cluster, "MediaService", "prowlarr");
              assertThat(ready(prowlarr) && image.equals(prowlarr.getStatus().getImage()))
                  .as(describe(prowlarr))
                  .isTrue();
            });
  }

  private static boolean refusedByThePolicy(TestCluster cluster) {
    try {
      cluster
          .client()
          .apps()
          .deployments()
          .inNamespace(cluster.namespace())
          .resource(
              new DeploymentBuilder()
                  .withNewMetadata()
                  .withName("radarr")
                  .endMetadata()
                  .withNewSpec()
                  .withNewSelector()
                  .addToMatchLabels("app", "radarr")
                  .endSelector()
                  .withNewTemplate()
                  .withNewMetadata()
                  .addToLabels("app", "radarr")
                  .endMetadata()
                  .withNewSpec()
                  .addNewContainer()
                  .withName("radarr")
                  .withImage("radarr")
                  .endContainer()
                  .endSpec()
                  .endTemplate()
                  .endSpec()
                  .build())
          .dryRun()
          .create();
      return false;
    } catch (KubernetesClientException e) {
      return String.valueOf(e.getMessage()).contains("frozen for maintenance");
    }
  }

  private static List<Event> events(TestCluster cluster, String name, String reason) {
    return ServiceQueries.events(cluster, name, reason);
  }

  private static StackService service(TestCluster cluster, String kind, String name) {
    return switch (kind) {
      case "MediaService" -> ServiceQueries.media(cluster, name);
      case "SecurityService" -> ServiceQueries.security(cluster, name);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static String describe(StackService service) {
    return service == null ? "absent" : SERIALIZATION.asYaml(service.getStatus());
  }

  private static void apply(TestCluster cluster, String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  private static String media(String name, String image) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: %s}
        spec:
          channels: {stable: {image: %s}}
          ports: [{name: http, port: 8080}]
          recovery: {failureWindow: 3s, progressDeadline: 10s}
        """
        .formatted(name, image);
  }

  private static String protectedMedia(String name, String ingressClass) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata:
          name: %1$s
          labels: {stackpilot.io/protect: "true"}
        spec:
          channels: {stable: {image: lscr.io/linuxserver/%1$s:latest}}
          ports: [{name: http, port: 8080}]
          expose: {host: %1$s.home.example, ingressClassName: %2$s}
        """
        .formatted(name, ingressClass);
  }

  private static String authelia() {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: SecurityService
        metadata: {name: authelia}
        spec:
          channels: {stable: {image: ghcr.io/authelia/authelia:4.39.4}}
          ports: [{name: http, port: 9091}]
          security:
            provider: Authelia
            forwardAuth: {path: /api/authz/forward-auth, port: http}
            protects: {matchLabels: {stackpilot.io/protect: "true"}}
        """;
  }
}
