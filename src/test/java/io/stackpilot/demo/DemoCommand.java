package io.stackpilot.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.StackService;
import io.stackpilot.cli.DurationConverter;
import io.stackpilot.devcluster.LocalControlPlane;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.operator.StackpilotOperator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The product in two minutes: a local control plane, the CRDs, the operator and the example homelab
 * stack with a live status table; then one service is upgraded to a broken build and rolls back by
 * itself. Run by {@code make demo} from the test classpath, like the local control plane it starts:
 * neither is part of the operator's jar.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start a local control plane with the operator and the example stack, show it come up,"
            + " then break one service and watch it roll back by itself.")
public final class DemoCommand implements Callable<Integer> {

  static final String NAMESPACE = "homelab";
  static final String BROKEN_IMAGE = "lscr.io/linuxserver/sonarr:4.0.16-crashloop";
  static final String REAL_EXAMPLE = "examples/real-node";
  static final String REAL_BROKEN_IMAGE = "stackpilot.test/podinfo:crash";

  /** The service the demo breaks, and the build that crashes on start it upgrades it to. */
  private record BadUpgrade(String service, String brokenImage) {}

  private static final List<String> CRDS =
      List.of("servicestacks", "mediaservices", "securityservices", "monitoringservices");

  @Option(
      names = "--example",
      defaultValue = "examples/homelab",
      description = "The stack to apply (default: ${DEFAULT-VALUE}).")
  Path example;

  @Option(
      names = "--exit-after",
      description =
          "Exit once the broken service has rolled back, instead of showing the table until Ctrl-C.")
  boolean exitAfter;

  @Option(
      names = "--timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Give up when a step takes longer than this (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--real-node",
      description =
          "Also start a real node (containerd, kubelet, kube-proxy, CoreDNS; needs root, and the"
              + " parts make node-binaries and make test-images build) and run "
              + REAL_EXAMPLE
              + " on it: pods that answer HTTP, and the bad upgrade on a real container.")
  boolean realNode;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out = System.out;

  /** {@code make demo}: the demo in a JVM of its own, which it ends with its exit code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(example)) {
      out.println(
          "No example stack at "
              + example.toAbsolutePath()
              + ": run the demo from the repository root, or pass --example DIR");
      return 2;
    }
    out.println(
        "Starting a local control plane (etcd, kube-apiserver, controller manager, scheduler, KWOK)...");
    try (LocalControlPlane plane = LocalControlPlane.builder().start();
        KubernetesClient client = plane.client()) {
      out.printf(
          "Control plane ready in %.1f s; kubeconfig: %s%n",
          plane.startupTime().toMillis() / 1000.0, plane.kubeconfig());
      try (RealNode node = realNode ? startRealNode(plane) : null) {
        return run(plane, client);
      }
    }
  }

  private RealNode startRealNode(LocalControlPlane plane) {
    out.println("Starting a real node (containerd, kubelet, kube-proxy, CoreDNS)...");
    RealNode node = RealNode.start(plane);
    out.printf(
        "Real node %s ready in %.1f s; its pods run in containers and answer HTTP.%n",
        RealNode.NAME, node.startupTime().toMillis() / 1000.0);
    return node;
  }

  /** The demo proper, on a running control plane (and real node, when asked for). */
  private int run(LocalControlPlane plane, KubernetesClient client) throws Exception {
    installCrds(client);
    {
      try (StackpilotOperator operator = StackpilotOperator.settings(client).build().start()) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
            .serverSideApply();
        Instant applied = Instant.now();
        kubectl(plane, "apply", "-n", NAMESPACE, "-f", example.toString());
        if (realNode) {
          kubectl(plane, "apply", "-n", NAMESPACE, "-f", REAL_EXAMPLE);
        }
        StatusTable table = new StatusTable(client, NAMESPACE);
        showUntil(
            table,
            "every service Ready",
            services -> !services.isEmpty() && services.stream().allMatch(DemoCommand::isReady));
        out.printf(
            "%nThe stack is up: kubectl apply to all Ready in %.1f s.%n",
            Duration.between(applied, Instant.now()).toMillis() / 1000.0);
        if (realNode) {
          showAnswers(client);
        }

        BadUpgrade bad =
            realNode
                ? new BadUpgrade("podinfo", REAL_BROKEN_IMAGE)
                : new BadUpgrade("sonarr", BROKEN_IMAGE);
        out.printf(
            "%nNow a bad upgrade: %s goes to %s, a build that crashes on start."
                + "%n(recovery.failureWindow is shortened to 10s so the demo does not wait the 2m default.)%n",
            bad.service(), bad.brokenImage());
        kubectl(
            plane,
            "patch",
            "-n",
            NAMESPACE,
            "mediaservice",
            bad.service(),
            "--type=merge",
            "-p",
            "{\"spec\":{\"channels\":{\"stable\":{\"image\":\""
                + bad.brokenImage()
                + "\"}},\"recovery\":{\"failureWindow\":\"10s\"}}}");
        showUntil(
            table,
            bad.service() + " rolled back",
            services ->
                services.stream()
                    .anyMatch(
                        s ->
                            s instanceof MediaService
                                && s.getMetadata().getName().equals(bad.service())
                                && s.getStatus() != null
                                && "RolledBack".equals(s.getStatus().getPhase())
                                && !bad.brokenImage().equals(s.getStatus().getImage())));
        MediaService rolledBack =
            client
                .resources(MediaService.class)
                .inNamespace(NAMESPACE)
                .withName(bad.service())
                .get();
        out.println();
        out.println(
            bad.service()
                + " rolled back by itself and serves "
                + rolledBack.getStatus().getImage()
                + " again.");
        if (realNode) {
          showAnswers(client);
        }
        rolledBack.getStatus().getConditions().stream()
            .filter(c -> "Stalled".equals(c.getType()))
            .forEach(c -> out.println("Stalled: " + c.getMessage()));
        out.println(
            kubectl(
                plane,
                "get",
                "events",
                "-n",
                NAMESPACE,
                "--field-selector",
                "involvedObject.name=" + bad.service(),
                "--sort-by=.lastTimestamp"));
        if (!exitAfter) {
          out.println(
              "Try it yourself: export KUBECONFIG="
                  + plane.kubeconfig()
                  + "; kubectl get stackpilot -n "
                  + NAMESPACE);
          out.println("Ctrl-C stops everything.");
          while (true) {
            TimeUnit.SECONDS.sleep(2);
            clearScreen();
            out.print(table.render());
          }
        }
      }
    }
    return 0;
  }

  /**
   * GETs the podinfo Service from this machine, as a browser on the node would: through its
   * ClusterIP, which kube-proxy balances over the pods. Prints who answered.
   */
  private void showAnswers(KubernetesClient client) throws IOException, InterruptedException {
    String clusterIp =
        client.services().inNamespace(NAMESPACE).withName("podinfo").get().getSpec().getClusterIP();
    URI uri = URI.create("http://" + clusterIp + ":9898/");
    awaitServed(uri);
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> response = get(uri);
      JsonNode body = JSON.readTree(response.body());
      out.printf(
          "GET %s -> %d from pod %s (podinfo %s)%n",
          uri,
          response.statusCode(),
          body.path("hostname").asText(),
          body.path("version").asText());
    }
  }

  /**
   * Pods turn Ready before kube-proxy has written the Service's rules (it syncs at most once a
   * second): until then a connection to the ClusterIP is refused. Polls until one is answered.
   */
  private void awaitServed(URI uri) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        get(uri);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "gave up waiting for " + uri + " to answer after " + timeout.toSeconds() + " s",
              notYet);
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  /** A GET on a client of its own: a kept-alive connection would stay with one pod. */
  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void installCrds(KubernetesClient client) throws IOException {
    for (String plural : CRDS) {
      try (InputStream crd =
          DemoCommand.class.getResourceAsStream(
              "/META-INF/fabric8/" + plural + ".stackpilot.io-v1.yml")) {
        if (crd == null) {
          throw new IllegalStateException(
              "the CRD of " + plural + " is missing from the jar; build with Maven");
        }
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
            .serverSideApply();
      }
    }
    for (String plural : CRDS) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(plural + ".stackpilot.io")
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              30,
              TimeUnit.SECONDS);
    }
    out.println("CRDs installed.");
  }

  private void showUntil(StatusTable table, String what, Predicate<List<StackService>> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (true) {
      List<StackService> services = table.services();
      String view = table.render();
      if (!view.equals(last)) {
        clearScreen();
        out.print(view);
        last = view;
      }
      if (done.test(services)) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  private void clearScreen() {
    if (System.console() != null) {
      out.print("\033[H\033[2J");
    } else {
      out.println("---");
    }
  }

  private static boolean isReady(StackService service) {
    return service.getStatus() != null
        && service.getStatus().getConditions() != null
        && service.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String kubectl(LocalControlPlane plane, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(plane.binaries().path("kubectl").toString());
    command.add("--kubeconfig=" + plane.kubeconfig());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " failed:\n" + output);
    }
    return output;
  }
}
