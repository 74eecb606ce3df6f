package io.stackpilot.testing;

import io.stackpilot.api.ServiceStack;

/** ServiceStacks the integration tests apply as users do, with kubectl. */
public final class Stacks {

  private Stacks() {}

  /** The stack {@code home}, whose base sets TZ=Europe/Berlin on every member. */
  public static void applyHome(TestCluster cluster) {
    cluster
        .kubectlWithInput(
            """
            apiVersion: stackpilot.io/v1alpha1
            kind: ServiceStack
            metadata: {name: home}
            spec:
              base:
                env: [{name: TZ, value: Europe/Berlin}]
            """,
            "apply",
            "-f",
            "-")
        .assertSuccess();
  }

  /** The stack named home in the test's namespace, as the cluster has it now. */
  public static ServiceStack home(TestCluster cluster) {
    return cluster
        .client()
        .resources(ServiceStack.class)
        .inNamespace(cluster.namespace())
        .withName("home")
        .get();
  }
}
