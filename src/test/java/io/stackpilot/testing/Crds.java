package io.stackpilot.testing;

/** Installs crds/ into the shared control plane once per JVM, as a user would: kubectl apply. */
final class Crds {

  private static volatile boolean installed;

  private Crds() {}

  static synchronized void installOnce(TestCluster cluster) {
    if (installed) {
      return;
    }
    // Helm may have installed them first (PackagingIT): take the fields over, as an upgrade would.
    cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", "crds/").assertSuccess();
    cluster.kubectl("wait", "--for=condition=Established", "--timeout=60s",
        "crd/servicestacks.stackpilot.io", "crd/mediaservices.stackpilot.io",
        "crd/securityservices.stackpilot.io", "crd/monitoringservices.stackpilot.io").assertSuccess();
    installed = true;
  }
}
