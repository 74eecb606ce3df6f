package io.stackpilot.devcluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flux's source-controller and kustomize-controller (scripts/flux-binaries) as processes beside a
 * {@link LocalControlPlane}, as a cluster runs them in flux-system: they watch every namespace,
 * source-controller serves its artifacts on loopback and kustomize-controller fetches them there.
 * Starting installs Flux's CRDs (they stay, as CRDs do); closing stops both by their PIDs.
 */
public final class FluxControllers implements AutoCloseable {

  public static final String NAMESPACE = "flux-system";
  private static final Logger log = LoggerFactory.getLogger(FluxControllers.class);
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final List<ManagedProcess> processes = new ArrayList<>();

  private FluxControllers() {}

  /** Fails with the command that builds them when the binaries are missing. */
  public static FluxControllers start(LocalControlPlane plane) {
    Path folder = folder(plane);
    List<String> missing =
        Stream.of("source-controller", "kustomize-controller", "crds")
            .filter(b -> !Files.exists(folder.resolve(b)))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Flux needs " + missing + " in " + folder + ". Build them with: make flux-binaries");
    }
    FluxControllers flux = new FluxControllers();
    try {
      flux.startAll(plane, folder);
      return flux;
    } catch (IOException | RuntimeException e) {
      flux.close();
      throw new IllegalStateException("Flux did not start: " + e.getMessage(), e);
    }
  }

  private void startAll(LocalControlPlane plane, Path folder) throws IOException {
    Instant begin = Instant.now();
    installCrds(plane, folder.resolve("crds"));
    try (KubernetesClient client = plane.client()) {
      if (client.namespaces().withName(NAMESPACE).get() == null) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
            .create();
      }
    }
    Path storage = Files.createDirectories(plane.runDirectory().resolve("flux-storage"));
    String storageAddress = "127.0.0.1:" + FreePorts.next();
    int sourceHealth = FreePorts.next();
    int kustomizeHealth = FreePorts.next();
    Map<String, String> environment =
        Map.of(
            // Neither controller has a --kubeconfig flag; both read KUBECONFIG.
            "KUBECONFIG", plane.kubeconfig().toString(), "RUNTIME_NAMESPACE", NAMESPACE);
    launch(
        plane,
        environment,
        folder.resolve("source-controller").toString(),
        "--storage-path=" + storage,
        "--storage-addr=" + storageAddress,
        "--storage-adv-addr=" + storageAddress,
        "--metrics-addr=127.0.0.1:" + FreePorts.next(),
        "--health-addr=127.0.0.1:" + sourceHealth,
        "--events-addr=",
        "--log-encoding=console");
    launch(
        plane,
        environment,
        folder.resolve("kustomize-controller").toString(),
        "--metrics-addr=127.0.0.1:" + FreePorts.next(),
        "--health-addr=127.0.0.1:" + kustomizeHealth,
        "--events-addr=",
        "--no-remote-bases=true",
        "--log-encoding=console");
    awaitReady("source-controller", sourceHealth, processes.get(0));
    awaitReady("kustomize-controller", kustomizeHealth, processes.get(1));
    log.info(
        "Flux source-controller and kustomize-controller ready in {} ms",
        Duration.between(begin, Instant.now()).toMillis());
  }

  private static void installCrds(LocalControlPlane plane, Path crds) {
    kubectl(
        plane,
        "installing Flux's CRDs",
        "apply",
        "--server-side",
        "--force-conflicts",
        "-f",
        crds.toString());
    kubectl(
        plane,
        "waiting for Flux's CRDs to be established",
        "wait",
        "--for=condition=Established",
        "--timeout=60s",
        "-f",
        crds.toString());
  }

  private static void kubectl(LocalControlPlane plane, String what, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                plane.binaries().path("kubectl").toString(),
                "--kubeconfig",
                plane.kubeconfig().toString()));
    command.addAll(List.of(args));
    try {
      Process kubectl = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(kubectl.getInputStream().readAllBytes());
      if (kubectl.waitFor() != 0) {
        throw new IllegalStateException(what + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void launch(LocalControlPlane plane, Map<String, String> env, String... command)
      throws IOException {
    String name = Path.of(command[0]).getFileName().toString();
    processes.add(new ManagedProcess(name, List.of(command), env, plane.runDirectory()).start());
  }

  private static void awaitReady(String name, int healthPort, ManagedProcess process) {
    Instant deadline = Instant.now().plus(STARTUP);
    HttpClient http = HttpClient.newHttpClient();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited:\n" + process.tail(30));
      }
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    throw new IllegalStateException(
        name + " not ready within " + STARTUP + ":\n" + process.tail(30));
  }

  /** Where scripts/flux-binaries put the pinned versions, beside the control plane's binaries. */
  private static Path folder(LocalControlPlane plane) {
    return plane
        .binaries()
        .directory()
        .getParent()
        .getParent()
        .resolve("flux-binaries")
        .resolve(
            "source-"
                + ToolVersions.pinned("FLUX_SOURCE_CONTROLLER_VERSION")
                + "_kustomize-"
                + ToolVersions.pinned("FLUX_KUSTOMIZE_CONTROLLER_VERSION")
                + "-linux-amd64");
  }

  /** Stops both controllers by their PIDs, kustomize-controller first. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(Duration.ofSeconds(10));
    }
    processes.clear();
  }
}
