package io.stackpilot.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Installs crds/ into a control plane once per JVM, as a user would: kubectl apply. Remembered per
 * control plane (by its kubeconfig), since a fault test may run one of its own beside the shared
 * one.
 */
public final class Crds {

  private static final Set<Path> installedOn = new HashSet<>();

  private Crds() {}

  static synchronized void installOnce(TestCluster cluster) {
    Path plane = cluster.controlPlane().kubeconfig();
    if (installedOn.contains(plane)) {
      return;
    }
    // Helm may have installed them first (PackagingIT): take the fields over, as an upgrade would.
    cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", "crds/").assertSuccess();
    awaitEstablished(
        cluster,
        "servicestacks.stackpilot.io",
        "mediaservices.stackpilot.io",
        "securityservices.stackpilot.io",
        "monitoringservices.stackpilot.io");
    installedOn.add(plane);
  }

  /**
   * Waits until the CRDs are Established, as kubectl wait does; again while a CRD just created has
   * no conditions yet, which kubectl wait reports as an error instead of waiting.
   */
  public static void awaitEstablished(TestCluster cluster, String... crds) {
    List<String> command = new ArrayList<>(List.of("wait", "--for=condition=Established"));
    command.add("--timeout=20s");
    Arrays.stream(crds).map(c -> "crd/" + c).forEach(command::add);
    ServiceQueries.eventually(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> cluster.kubectl(command.toArray(String[]::new)).assertSuccess());
  }
}
