package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.condition;
import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.media;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.devcluster.FluxControllers;
import io.stackpilot.devcluster.LoopbackGitServer;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.KubectlPlugin;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitOps for real: Flux's source-controller and kustomize-controller follow a git repository served
 * on loopback that holds deploy/ (the operator, with the CRDs) and a stack, through the two
 * Kustomizations of deploy/gitops/flux-kustomization.yaml. The operator runs on the real node from
 * the image built here; every step starts with a commit and is timed from it.
 */
@WithLocalCluster
class RealNodeFluxIT {

  private static final Duration WAIT = Duration.ofSeconds(240);
  private static final String OPERATOR_NAMESPACE = "stackpilot-system";
  private static final String HEALTHY = "stackpilot.test/podinfo:healthy";
  private static final String CRASHING = "stackpilot.test/podinfo:crash";
  // Not on the node when first committed: its pull is refused at once on loopback (no lookup, no
  // traffic off the machine); "published" later by tagging the node's healthy build with it.
  private static final String LATE = "127.0.0.1:1/stackpilot/podinfo:late";
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourceDefinitionContext KUSTOMIZATIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("kustomize.toolkit.fluxcd.io")
          .withVersion("v1")
          .withPlural("kustomizations")
          .withNamespaced(true)
          .build();

  @TempDir Path folder;

  @Test
  void fluxAppliesTheOperatorAndTheStackAndARollbackNeitherFightsFluxNorHidesFromIt(
      TestCluster cluster, RealNode node) throws Exception {
    OperatorImage.importInto(node);
    try (FluxControllers flux = FluxControllers.start(cluster.controlPlane());
        LoopbackGitServer git = LoopbackGitServer.start(folder)) {
      try {
        Repository repository = new Repository(git);
        repository.writeOperator();
        repository.writeStack(null);
        Instant first = commit(git, "Stackpilot and an empty home stack");
        cluster
            .kubectlWithInput(
                fluxObjects(cluster, git.url()),
                "apply",
                "--server-side",
                "--namespace",
                FluxControllers.NAMESPACE,
                "-f",
                "-")
            .assertSuccess();
        awaitKustomizationReady(cluster, "stackpilot", git);
        awaitKustomizationReady(cluster, "homelab", git);
        System.out.printf(
            "[figure] flux: first commit -> operator and stack Kustomizations Ready: %d ms%n",
            since(first));
        assertThat(
                cluster
                    .client()
                    .pods()
                    .inNamespace(OPERATOR_NAMESPACE)
                    .withLabel("app.kubernetes.io/name", "stackpilot")
                    .list()
                    .getItems())
            .as("the operator's pods, from deploy/ through Flux")
            .isNotEmpty()
            .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(RealNode.NAME));

        repository.writeStack(podinfo(HEALTHY, "first-build", null));
        Instant adding = commit(git, "Add podinfo");
        RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
        long serviceReady = since(adding);
        awaitKustomizationReady(cluster, "homelab", git);
        System.out.printf(
            "[figure] flux: commit adding a service -> service Ready %d ms, Kustomization Ready"
                + " %d ms%n",
            serviceReady, since(adding));
        assertThat(media(cluster, "podinfo").getMetadata().getLabels())
            .as("Flux's marks on what it applied, which the plugin reads")
            .containsEntry("kustomize.toolkit.fluxcd.io/name", "homelab");

        repository.writeStack(podinfo(CRASHING, "first-build", null));
        Instant crashing = commit(git, "podinfo: the build that crashes");
        String quarantined = awaitStalledWithQuarantine(cluster, null);
        long stalled = since(crashing);
        String failure = awaitKustomizationFailed(cluster, "homelab", git);
        System.out.printf(
            "[figure] flux: commit of a crashing image -> rolled back and Stalled %d ms;"
                + " Kustomization health check failed %d ms: %s%n",
            stalled, since(crashing), failure);
        // Flux names what it found failed first: the service, or the stack that reports it.
        assertThat(failure)
            .contains("stalled resources")
            .containsAnyOf(
                "MediaService/" + cluster.namespace() + "/podinfo",
                "ServiceStack/" + cluster.namespace() + "/home");
        assertThat(media(cluster, "podinfo").getSpec().getChannels().getStable().getImage())
            .as("the spec stays what the repository says: the rollback is in status only")
            .isEqualTo(CRASHING);
        // Flux applies the stack again and again; neither it nor the operator may write the
        // Deployment for it: counted over three more applies of the same commit.
        long writesBefore = deploymentWrites(cluster, "podinfo").size();
        for (int i = 0; i < 3; i++) {
          reconcileNow(cluster, "homelab");
        }
        List<String> writesAfter = deploymentWrites(cluster, "podinfo");
        System.out.printf(
            "[figure] flux: writes to podinfo's Deployment since it was created: %d when"
                + " Stalled, %d after three more applies by Flux (%s)%n",
            writesBefore, writesAfter.size(), writesAfter);
        assertThat(writesAfter).as("writes to the Deployment: no loop").hasSize((int) writesBefore);
        assertThat(phase(cluster)).isEqualTo("RolledBack");

        repository.writeStack(podinfo(HEALTHY, "second-build", null));
        Instant fixing = commit(git, "podinfo: back to the healthy build, new message");
        RealNodeServices.awaitReady(cluster, "podinfo", WAIT);
        long fixedReady = since(fixing);
        awaitKustomizationReady(cluster, "homelab", git);
        System.out.printf(
            "[figure] flux: fix commit -> service Ready %d ms, Kustomization Ready %d ms%n",
            fixedReady, since(fixing));
        assertThat(RealNodeServices.request(cluster, podinfoUrl(cluster))).contains("second-build");

        // An image committed before it was published: pulled in vain, rolled back, quarantined.
        repository.writeStack(podinfo(LATE, "second-build", null));
        commit(git, "podinfo: the next build (not published yet)");
        String late = awaitStalledWithQuarantine(cluster, quarantined);
        node.tagImage(HEALTHY, LATE);
        CommandResult retry = KubectlPlugin.run(cluster, "retry", "podinfo").assertSuccess();
        assertThat(retry.stdout())
            .contains("applied by Flux Kustomization flux-system/homelab; nothing was changed")
            .contains("stackpilot.io/retry: \"" + late + "\"");
        assertThat(media(cluster, "podinfo").getMetadata().getAnnotations())
            .as("the plugin wrote nothing behind Flux's back")
            .doesNotContainKey("stackpilot.io/retry");
        repository.writeStack(podinfo(LATE, "second-build", late));
        Instant retrying = commit(git, "podinfo: retry " + late + " now that it is published");
        eventually(WAIT)
            .untilAsserted(
                () -> {
                  MediaService service = media(cluster, "podinfo");
                  assertThat(service.getStatus().getRecovery().getLastRetry())
                      .as("%s", service.getStatus())
                      .isEqualTo(late);
                  assertThat(ready(service)).as("%s", service.getStatus()).isTrue();
                });
        System.out.printf(
            "[figure] flux: commit of the retry annotation -> the quarantined revision Ready: %d"
                + " ms%n",
            since(retrying));
        awaitKustomizationReady(cluster, "homelab", git);

        removeFluxObjects(cluster);
        assertThat(
                cluster
                    .client()
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName("mediaservices.stackpilot.io")
                    .get())
            .as("the CRDs after the operator's Kustomization is gone")
            .isNotNull();
      } finally {
        removeFluxObjects(cluster);
      }
    }
  }

  /** The repository as a user lays it out: crds/ and deploy/ from this project, and a stack. */
  private record Repository(LoopbackGitServer git) {

    void writeOperator() throws IOException {
      for (String tree : List.of("crds", "deploy")) {
        Path source = Path.of(tree);
        try (Stream<Path> files = Files.walk(source)) {
          for (Path file : files.filter(Files::isRegularFile).toList()) {
            if (file.startsWith(Path.of("deploy", "gitops"))) {
              continue;
            }
            Path target = git.work().resolve(file.toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }

    /** stack/: the ServiceStack home, and the service when given. */
    void writeStack(String service) throws IOException {
      Path stack = Files.createDirectories(git.work().resolve("stack"));
      Files.writeString(
          stack.resolve("stack.yaml"),
          """
          apiVersion: stackpilot.io/v1alpha1
          kind: ServiceStack
          metadata: {name: home}
          spec:
            base:
              env: [{name: TZ, value: Europe/Berlin}]
          """);
      Path file = stack.resolve("podinfo.yaml");
      if (service == null) {
        Files.deleteIfExists(file);
      } else {
        Files.writeString(file, service);
      }
    }
  }

  /**
   * podinfo on the real node, answering with {@code message}; {@code retry}, when given, is the
   * steering annotation committed with it.
   */
  private static String podinfo(String image, String message, String retry) {
    String annotations =
        retry == null ? "" : "  annotations: {stackpilot.io/retry: \"" + retry + "\"}\n";
    return RealNodeServices.podinfoImage("podinfo", image)
        .replace("  name: podinfo\n", "  name: podinfo\n" + annotations)
        .replace(
            "spec:\n",
            "spec:\n  stack: home\n  env: [{name: PODINFO_UI_MESSAGE, value: " + message + "}]\n");
  }

  private static Instant commit(LoopbackGitServer git, String message) {
    git.commit(message);
    return Instant.now();
  }

  /**
   * The GitRepository, and the two Kustomizations of deploy/gitops/flux-kustomization.yaml as its
   * comment says to adjust them: this repository and its stack folder, this test's namespace, short
   * intervals; the operator's Deployment patched onto the real node (the image it holds, its
   * selector and taint) and onto this namespace only (other tests' namespaces are theirs).
   */
  private static String fluxObjects(TestCluster cluster, String url) throws IOException {
    List<ObjectNode> kustomizations = new ArrayList<>();
    try (var parser =
        new YAMLFactory().createParser(Path.of("deploy/gitops/flux-kustomization.yaml").toFile())) {
      for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
        kustomizations.add((ObjectNode) document);
      }
    }
    assertThat(kustomizations)
        .extracting(k -> k.path("metadata").path("name").asText())
        .containsExactly("stackpilot", "homelab");
    ObjectNode operator = (ObjectNode) kustomizations.get(0).get("spec");
    operator.put("interval", "1m");
    operator.put("timeout", "3m");
    ((ArrayNode) operator.get("patches"))
        .addObject()
        .put(
            "patch",
            """
            - {op: add, path: /spec/template/spec/nodeSelector, value: {%s: real}}
            - {op: add, path: /spec/template/spec/tolerations, value: [{key: %s, operator: Exists, effect: NoSchedule}]}
            - {op: add, path: /spec/template/spec/containers/0/imagePullPolicy, value: Never}
            - {op: add, path: /spec/template/spec/containers/0/args/-, value: --namespace=%s}
            """
                .formatted(RealNode.LABEL, RealNode.TAINT, cluster.namespace()))
        .putObject("target")
        .put("kind", "Deployment")
        .put("name", "stackpilot");
    ObjectNode stack = (ObjectNode) kustomizations.get(1).get("spec");
    stack.put("path", "./stack");
    stack.put("targetNamespace", cluster.namespace());
    stack.put("interval", "1m");
    stack.put("retryInterval", "5s");
    stack.put("timeout", "3m");
    String gitRepository =
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata: {name: homelab, namespace: %s}
        spec:
          url: %s
          ref: {branch: main}
          interval: 5s
        """
            .formatted(FluxControllers.NAMESPACE, url);
    StringBuilder all = new StringBuilder(gitRepository);
    for (ObjectNode kustomization : kustomizations) {
      all.append("---\n").append(JSON.writeValueAsString(kustomization)).append('\n');
    }
    return all.toString();
  }

  private static GenericKubernetesResource kustomization(TestCluster cluster, String name) {
    return cluster
        .client()
        .genericKubernetesResources(KUSTOMIZATIONS)
        .inNamespace(FluxControllers.NAMESPACE)
        .withName(name)
        .get();
  }

  /** The Kustomization's Ready condition, as a map, or null. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> readyCondition(GenericKubernetesResource kustomization) {
    if (kustomization == null || !(kustomization.get("status") instanceof Map<?, ?> status)) {
      return null;
    }
    Object conditions = status.get("conditions");
    if (!(conditions instanceof List<?> list)) {
      return null;
    }
    return list.stream()
        .map(c -> (Map<String, Object>) c)
        .filter(c -> "Ready".equals(c.get("type")))
        .findFirst()
        .orElse(null);
  }

  /** Ready=True at the repository's head commit; a failure prints the whole status. */
  private static void awaitKustomizationReady(
      TestCluster cluster, String name, LoopbackGitServer git) {
    String head = git.head();
    eventually(WAIT)
        .untilAsserted(
            () -> {
              GenericKubernetesResource k = kustomization(cluster, name);
              Map<String, Object> ready = readyCondition(k);
              assertThat(ready)
                  .as("Kustomization %s; status: %s", name, k == null ? null : k.get("status"))
                  .isNotNull()
                  .containsEntry("status", "True");
              assertThat(String.valueOf(((Map<?, ?>) k.get("status")).get("lastAppliedRevision")))
                  .endsWith(head);
            });
  }

  /** Ready=False at the head commit with a failed health check; returns its message. */
  private static String awaitKustomizationFailed(
      TestCluster cluster, String name, LoopbackGitServer git) {
    String head = git.head();
    return eventually(WAIT)
        .until(
            () -> {
              GenericKubernetesResource k = kustomization(cluster, name);
              Map<String, Object> ready = readyCondition(k);
              if (ready != null
                  && "False".equals(ready.get("status"))
                  && "HealthCheckFailed".equals(ready.get("reason"))
                  && String.valueOf(((Map<?, ?>) k.get("status")).get("lastAttemptedRevision"))
                      .endsWith(head)) {
                return String.valueOf(ready.get("message"));
              }
              return null;
            },
            message -> message != null);
  }

  /**
   * Asks Flux to apply again now, as {@code flux reconcile} does, and waits until it has handled
   * the request.
   */
  private static void reconcileNow(TestCluster cluster, String name) {
    String requestedAt = Instant.now().toString();
    cluster
        .kubectl(
            "annotate",
            "--overwrite",
            "--namespace",
            FluxControllers.NAMESPACE,
            "kustomization",
            name,
            "reconcile.fluxcd.io/requestedAt=" + requestedAt)
        .assertSuccess();
    eventually(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        ((Map<?, ?>) kustomization(cluster, name).get("status"))
                            .get("lastHandledReconcileAt"))
                    .isEqualTo(requestedAt));
  }

  /**
   * Waits for podinfo rolled back and Stalled with a newly quarantined revision (other than {@code
   * before}); returns that revision.
   */
  private static String awaitStalledWithQuarantine(TestCluster cluster, String before) {
    return eventually(WAIT)
        .until(
            () -> {
              MediaService service = media(cluster, "podinfo");
              if (service.getStatus() == null
                  || service.getStatus().getQuarantine() == null
                  || condition(service, "Stalled") == null
                  || !"True".equals(condition(service, "Stalled").getStatus())) {
                return null;
              }
              return service.getStatus().getQuarantine().stream()
                  .map(QuarantinedRevision::getRevision)
                  .filter(r -> !r.equals(before))
                  .findFirst()
                  .orElse(null);
            },
            revision -> revision != null);
  }

  private static String phase(TestCluster cluster) {
    MediaService service = media(cluster, "podinfo");
    return service.getStatus() == null ? null : service.getStatus().getPhase();
  }

  private static String podinfoUrl(TestCluster cluster) {
    return "http://podinfo." + cluster.namespace() + ".svc.cluster.local:9898";
  }

  /**
   * Every write to the Deployment's spec in the audit log, by anyone (the status subresource, the
   * Deployment controller's, left out): verb, user and code, each request once.
   */
  private static List<String> deploymentWrites(TestCluster cluster, String name) {
    Set<String> seen = new HashSet<>();
    List<String> writes = new ArrayList<>();
    for (Path file : cluster.controlPlane().auditLogs()) {
      try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (!line.contains("\"resource\":\"deployments\"")
              || !line.contains("\"name\":\"" + name + "\"")
              || !line.contains("\"namespace\":\"" + cluster.namespace() + "\"")) {
            continue;
          }
          JsonNode event = JSON.readTree(line);
          JsonNode object = event.path("objectRef");
          String verb = event.path("verb").asText();
          if (List.of("create", "update", "patch", "delete").contains(verb)
              && name.equals(object.path("name").asText())
              && cluster.namespace().equals(object.path("namespace").asText())
              && object.path("subresource").isMissingNode()
              && seen.add(event.path("auditID").asText())) {
            writes.add(
                verb
                    + " by "
                    + event.path("user").path("username").asText()
                    + " "
                    + event.path("responseStatus").path("code").asInt());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return writes;
  }

  /**
   * Deletes the stack's Kustomization, then the operator's: Flux prunes what each applied (the
   * operator and its namespace too), except the CRDs, which deploy/gitops marks never to prune.
   * Nothing to do when they are gone already.
   */
  private static void removeFluxObjects(TestCluster cluster) {
    for (String name : List.of("homelab", "stackpilot")) {
      cluster
          .kubectl(
              "delete",
              "--namespace",
              FluxControllers.NAMESPACE,
              "--ignore-not-found",
              "--wait=true",
              "--timeout=120s",
              "kustomization",
              name)
          .assertSuccess();
    }
    cluster
        .kubectl(
            "delete",
            "--namespace",
            FluxControllers.NAMESPACE,
            "--ignore-not-found",
            "gitrepository",
            "homelab")
        .assertSuccess();
  }

  private static long since(Instant start) {
    return Duration.between(start, Instant.now()).toMillis();
  }
}
