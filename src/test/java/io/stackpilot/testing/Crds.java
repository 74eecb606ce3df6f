package io.stackpilot.testing;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Installs crds/ into a control plane once per JVM, as a user would: kubectl apply. Remembered per
 * control plane (by its kubeconfig), since a fault test may run one of its own beside the shared
 * one.
 */
final class Crds {

  private static final Set<Path> installedOn = new HashSet<>();

  private Crds() {}

  static synchronized void installOnce(TestCluster cluster) {
    Path plane = cluster.controlPlane().kubeconfig();
    if (installedOn.contains(plane)) {
      return;
    }
    // Helm may have installed them first (PackagingIT): take the fields over, as an upgrade would.
    cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", "crds/").assertSuccess();
    cluster
        .kubectl(
            "wait",
            "--for=condition=Established",
            "--timeout=60s",
            "crd/servicestacks.stackpilot.io",
            "crd/mediaservices.stackpilot.io",
            "crd/securityservices.stackpilot.io",
            "crd/monitoringservices.stackpilot.io")
        .assertSuccess();
    installedOn.add(plane);
  }
}
