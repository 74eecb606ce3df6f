package io.stackpilot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The ways to install Stackpilot, as a user runs them: helm lint, helm template and helm install of
 * helm/stackpilot, and kubectl apply -k of deploy/, which must install the same objects as the
 * chart.
 */
@WithLocalCluster
class PackagingIT {

  private static final String CHART = "helm/stackpilot";
  private static final String KUSTOMIZE_NAMESPACE = "stackpilot-system";
  private static final List<String> CRDS =
      List.of(
          "servicestacks.stackpilot.io",
          "mediaservices.stackpilot.io",
          "securityservices.stackpilot.io",
          "monitoringservices.stackpilot.io");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * The rules of the operator's (Cluster)Role, as "apiGroups | resources | verbs", read from the
   * code (see "stackpilot.rules" in the chart's _helpers.tpl for why each is there). A change of
   * the operator's API calls changes this list, on purpose.
   */
  private static final List<String> OPERATOR_RULES =
      List.of(
          "stackpilot.io | servicestacks,mediaservices,securityservices,monitoringservices | list,watch",
          "stackpilot.io | servicestacks/status,mediaservices/status,securityservices/status,monitoringservices/status | patch",
          "stackpilot.io | mediaservices/finalizers,securityservices/finalizers,monitoringservices/finalizers | update",
          "apps | deployments | get,list,watch,create,patch,delete",
          " | services | get,list,watch,create,patch",
          "networking.k8s.io | ingresses | get,list,watch,create,patch,delete",
          "networking.k8s.io | networkpolicies | get,list,watch,create,patch,delete",
          "traefik.io | middlewares | get,create,patch",
          "gateway.networking.k8s.io | httproutes | get,list,watch,create,patch,delete",
          "monitoring.coreos.com | servicemonitors | get,list,watch,create,patch,delete",
          " | configmaps | get,list,watch,create,patch,delete",
          " | persistentvolumeclaims | get,list,watch,create,patch",
          " | pods | list,watch",
          "snapshot.storage.k8s.io | volumesnapshots | list,create,patch,delete",
          " | secrets | get,list,watch",
          " | events | create");

  /**
   * Watching every namespace adds the cluster-scoped reads: which VolumeSnapshotClasses exist, and
   * the CRDs of the add-on APIs Stackpilot renders objects of.
   */
  private static final List<String> CLUSTER_RULES =
      Stream.concat(
              OPERATOR_RULES.stream(),
              Stream.of(
                  "snapshot.storage.k8s.io | volumesnapshotclasses | list,watch",
                  "apiextensions.k8s.io | customresourcedefinitions | list,watch"))
          .toList();

  private static final List<String> LEADER_ELECTION_RULES =
      List.of("coordination.k8s.io | leases | get,create,update,patch");

  @Test
  void chartLintsWithoutWarnings(TestCluster cluster) {
    for (List<String> values :
        List.of(
            List.<String>of(),
            List.of("--set", "watchNamespaces={a,b}", "--set", "serviceMonitor.enabled=true"))) {
      List<String> args = new ArrayList<>(List.of("lint", "--strict", CHART));
      args.addAll(values);
      CommandResult lint = cluster.helm(args.toArray(String[]::new)).assertSuccess();
      assertThat(lint.stdout() + lint.stderr())
          .as(lint.describe())
          .contains("0 chart(s) failed")
          .doesNotContain("[WARNING]")
          .doesNotContain("[ERROR]");
    }
    // The schema rejects what the operator would only reject at start: a namespace that is not a
    // name.
    assertThat(
            cluster
                .helm("lint", "--strict", CHART, "--set", "watchNamespaces={Not_A_Namespace}")
                .succeeded())
        .as("helm lint with an invalid namespace in watchNamespaces")
        .isFalse();
  }

  @Test
  void renderedRbacHasNoWildcardsAndOnlyTheVerbsTheOperatorUses(TestCluster cluster) {
    List<JsonNode> defaults = template(cluster);
    for (List<JsonNode> rendered :
        List.of(
            defaults,
            template(
                cluster,
                "--set",
                "watchNamespaces={a,b}",
                "--set",
                "serviceMonitor.enabled=true"))) {
      List<JsonNode> roles =
          rendered.stream().filter(o -> Set.of("Role", "ClusterRole").contains(kind(o))).toList();
      assertThat(roles).isNotEmpty();
      for (JsonNode role : roles) {
        for (JsonNode rule : role.path("rules")) {
          for (String field :
              List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
            assertThat(strings(rule.path(field)))
                .as("%s %s: rules[].%s", kind(role), name(role), field)
                .noneMatch(s -> s.contains("*"));
          }
        }
      }
    }

    // All namespaces: one ClusterRole with exactly the operator's rules, and Leases in its own
    // namespace.
    assertThat(kindsAndNames(defaults))
        .contains(
            "ClusterRole/stackpilot",
            "ClusterRoleBinding/stackpilot",
            "Role/stackpilot-leader-election",
            "RoleBinding/stackpilot-leader-election")
        .doesNotContain("Role/stackpilot", "ServiceMonitor/stackpilot");
    assertThat(rules(find(defaults, "ClusterRole", "stackpilot"))).isEqualTo(CLUSTER_RULES);
    assertThat(rules(find(defaults, "Role", "stackpilot-leader-election")))
        .isEqualTo(LEADER_ELECTION_RULES);

    // Listed namespaces: the same rules as a Role in each, nothing cluster-wide.
    List<JsonNode> confined =
        template(cluster, "--set", "watchNamespaces={a,b}", "--set", "serviceMonitor.enabled=true");
    assertThat(kindsAndNames(confined)).noneMatch(kindAndName -> kindAndName.startsWith("Cluster"));
    List<JsonNode> roles =
        confined.stream()
            .filter(o -> kind(o).equals("Role") && name(o).equals("stackpilot"))
            .toList();
    assertThat(roles.stream().map(r -> r.path("metadata").path("namespace").asText()))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(roles).allSatisfy(role -> assertThat(rules(role)).isEqualTo(OPERATOR_RULES));
    assertThat(
            confined.stream()
                .filter(o -> kind(o).equals("RoleBinding") && name(o).equals("stackpilot"))
                .map(r -> r.path("metadata").path("namespace").asText()))
        .containsExactlyInAnyOrder("a", "b");
    assertThat(kindsAndNames(confined)).contains("ServiceMonitor/stackpilot");
    assertThat(
            strings(
                find(confined, "Deployment", "stackpilot")
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0)
                    .path("args")))
        .contains("--namespace=a", "--namespace=b");
  }

  @Test
  void helmInstallsTheOperatorConfinedToItsNamespace(TestCluster cluster) {
    KubernetesClient client = cluster.client();
    String namespace = cluster.namespace();
    // The pod must pass Pod Security "restricted", or its ReplicaSet cannot create it and --wait
    // times out.
    client
        .namespaces()
        .withName(namespace)
        .edit(
            ns ->
                new NamespaceBuilder(ns)
                    .editMetadata()
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                    .endMetadata()
                    .build());
    // Helm installs crds/ on a first install only where they are absent; another test may already
    // have applied them with kubectl (server-side), and then the chart's copies (equal, see
    // ChartCrdsAreCurrentTest) are skipped.
    boolean crdsPresent =
        CRDS.stream()
            .allMatch(
                crd ->
                    client.apiextensions().v1().customResourceDefinitions().withName(crd).get()
                        != null);
    List<String> args =
        new ArrayList<>(
            List.of(
                "install",
                "stackpilot",
                CHART,
                "--set",
                "watchNamespaces={" + namespace + "}",
                "--wait",
                "--timeout",
                "120s"));
    if (crdsPresent) {
      args.add("--skip-crds");
    }
    long start = System.nanoTime();
    CommandResult install = cluster.helm(args.toArray(String[]::new));
    assertThat(install.succeeded())
        .as(
            "%s%n--- events%n%s",
            install.describe(),
            cluster.kubectl("get", "events", "--sort-by=.lastTimestamp").stdout())
        .isTrue();
    System.out.printf(
        "[figure] helm install --wait of the chart (CRDs %s): %d ms%n",
        crdsPresent ? "already there, skipped" : "installed by helm",
        (System.nanoTime() - start) / 1_000_000);
    assertThat(install.stdout()).contains("It watches " + namespace + " (a Role in each)");

    for (String crd : CRDS) {
      assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get())
          .as(crd)
          .isNotNull();
    }
    List<String> wait =
        new ArrayList<>(List.of("wait", "--for=condition=Established", "--timeout=60s"));
    CRDS.forEach(crd -> wait.add("crd/" + crd));
    cluster.kubectl(wait.toArray(String[]::new)).assertSuccess();
    assertThat(client.serviceAccounts().inNamespace(namespace).withName("stackpilot").get())
        .isNotNull();
    assertThat(client.services().inNamespace(namespace).withName("stackpilot").get()).isNotNull();
    for (String role : List.of("stackpilot", "stackpilot-leader-election")) {
      assertThat(client.rbac().roles().inNamespace(namespace).withName(role).get())
          .as("Role " + role)
          .isNotNull();
      assertThat(client.rbac().roleBindings().inNamespace(namespace).withName(role).get())
          .as("RoleBinding " + role)
          .isNotNull();
    }
    assertThat(
            client
                .rbac()
                .clusterRoles()
                .withLabel("app.kubernetes.io/instance", "stackpilot")
                .list()
                .getItems())
        .as("ClusterRoles of this release")
        .noneMatch(
            r ->
                r.getMetadata().getAnnotations() != null
                    && namespace.equals(
                        r.getMetadata().getAnnotations().get("meta.helm.sh/release-namespace")));
    Deployment deployment =
        client.apps().deployments().inNamespace(namespace).withName("stackpilot").get();
    assertThat(deployment.getStatus().getAvailableReplicas())
        .as("two replicas, one elected leader")
        .isEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--leader-election-namespace=" + namespace);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("--namespace=" + namespace);

    cluster.helm("uninstall", "stackpilot", "--wait", "--timeout", "60s").assertSuccess();
    assertThat(CRDS)
        .as("CRDs after helm uninstall (Helm never deletes them)")
        .allMatch(
            crd ->
                client.apiextensions().v1().customResourceDefinitions().withName(crd).get()
                    != null);
  }

  @Test
  void kustomizeBaseCreatesWhatTheChartRendersWithDefaults(TestCluster cluster) {
    KubernetesClient client = cluster.client();
    // A server-side dry run of objects in stackpilot-system needs that namespace to exist; the dry
    // run of the Namespace in the base does not create it. Nothing else is created.
    boolean created = false;
    if (client.namespaces().withName(KUSTOMIZE_NAMESPACE).get() == null) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(KUSTOMIZE_NAMESPACE)
                  .addToLabels("stackpilot.io/test", "true")
                  .endMetadata()
                  .build())
          .create();
      created = true;
    }
    try {
      // The last --namespace wins over the test namespace TestCluster puts first.
      CommandResult dryRun =
          cluster
              .kubectl(
                  "apply",
                  "-k",
                  "deploy/",
                  "--dry-run=server",
                  "-o",
                  "yaml",
                  "--namespace",
                  KUSTOMIZE_NAMESPACE)
              .assertSuccess();
      Set<String> wouldCreate = kindsAndNames(items(documents(dryRun.stdout())));
      List<JsonNode> chart = template(cluster, "--namespace", KUSTOMIZE_NAMESPACE, "--skip-tests");

      // What differs, and only that: the base creates its Namespace, which Helm does not (helm
      // install --create-namespace makes it outside the release). Helm-only objects are left
      // out: the ServiceMonitor is off by default, the `helm test` pod is skipped, and NOTES.txt
      // is not an object.
      Set<String> expected = new TreeSet<>(kindsAndNames(chart));
      expected.add("Namespace/" + KUSTOMIZE_NAMESPACE);
      assertThat(wouldCreate).isEqualTo(expected);

      // And the same content: kustomize's output equals the chart's, less the labels only Helm
      // sets. kustomize writes the CRDs' 100.0 as 100, so numbers are compared by value.
      Map<String, JsonNode> base =
          byKindAndName(
              documents(cluster.kubectl("kustomize", "deploy/").assertSuccess().stdout()));
      Map<String, JsonNode> rendered = byKindAndName(chart);
      for (Map.Entry<String, JsonNode> object : rendered.entrySet()) {
        assertThat(comparable(base.get(object.getKey())))
            .as("%s in deploy/ equals the chart's default", object.getKey())
            .isEqualTo(comparable(object.getValue()));
      }
    } finally {
      if (created) {
        client.namespaces().withName(KUSTOMIZE_NAMESPACE).delete();
      }
    }
  }

  // --- helm template output, parsed

  /**
   * helm template of the chart with the CRDs, release name "stackpilot", in the test's namespace
   * unless given.
   */
  private static List<JsonNode> template(TestCluster cluster, String... values) {
    List<String> args = new ArrayList<>(List.of("template", "stackpilot", CHART, "--include-crds"));
    args.addAll(List.of(values));
    return documents(cluster.helm(args.toArray(String[]::new)).assertSuccess().stdout());
  }

  private static List<JsonNode> documents(String yaml) {
    try (var parser = new YAMLFactory().createParser(yaml)) {
      return YAML.readValues(parser, JsonNode.class).readAll().stream()
          .filter(d -> d != null && d.isObject() && d.has("kind"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** kubectl prints several objects as one List, or one after another: either way, the objects. */
  private static List<JsonNode> items(List<JsonNode> documents) {
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode document : documents) {
      if (kind(document).equals("List")) {
        document.path("items").forEach(objects::add);
      } else {
        objects.add(document);
      }
    }
    return objects;
  }

  private static Set<String> kindsAndNames(List<JsonNode> objects) {
    return objects.stream()
        .map(o -> kind(o) + "/" + name(o))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Map<String, JsonNode> byKindAndName(List<JsonNode> objects) {
    Map<String, JsonNode> byName = new TreeMap<>();
    objects.forEach(o -> byName.put(kind(o) + "/" + name(o), o));
    return byName;
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind(o).equals(kind) && name(o).equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + kind + "/" + name + " in " + kindsAndNames(objects)));
  }

  private static String kind(JsonNode object) {
    return object.path("kind").asText();
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> rules(JsonNode role) {
    return StreamSupport.stream(role.path("rules").spliterator(), false)
        .map(
            rule ->
                String.join(",", strings(rule.path("apiGroups")))
                    + " | "
                    + String.join(",", strings(rule.path("resources")))
                    + " | "
                    + String.join(",", strings(rule.path("verbs"))))
        .toList();
  }

  /**
   * The object without the labels only Helm sets (helm.sh/chart, app.kubernetes.io/managed-by:
   * Helm), and with every number as a double, so that 100 and 100.0 compare equal.
   */
  private static JsonNode comparable(JsonNode object) {
    if (object == null) {
      return null;
    }
    JsonNode copy = numbersAsDoubles(object.deepCopy());
    for (JsonNode metadata :
        List.of(copy.path("metadata"), copy.path("spec").path("template").path("metadata"))) {
      if (metadata.path("labels") instanceof ObjectNode labels) {
        labels.remove(List.of("helm.sh/chart", "app.kubernetes.io/managed-by"));
      }
    }
    return copy;
  }

  private static JsonNode numbersAsDoubles(JsonNode node) {
    if (node.isNumber()) {
      return DoubleNode.valueOf(node.doubleValue());
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> object.set(name, numbersAsDoubles(object.get(name))));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, numbersAsDoubles(array.get(i)));
      }
    }
    return node;
  }
}
