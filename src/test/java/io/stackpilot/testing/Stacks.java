package io.stackpilot.testing;

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
}
