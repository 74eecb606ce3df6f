package io.stackpilot.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl stackpilot ...} as users run it: kubectl finds plugin/kubectl-stackpilot on PATH,
 * and the plugin runs the jar this build packaged. Each command and its output are printed.
 */
public final class KubectlPlugin {

  private KubectlPlugin() {}

  /** The subcommand {@code arguments[0]} in the test's namespace, with the rest after it. */
  public static CommandResult run(TestCluster cluster, String... arguments) {
    Path plugins = Path.of("plugin").toAbsolutePath();
    CommandLine kubectl =
        new CommandLine(
            cluster.controlPlane().binaries().path("kubectl"),
            Map.of(
                "KUBECONFIG",
                cluster.controlPlane().kubeconfig().toString(),
                "PATH",
                plugins + ":" + System.getenv("PATH"),
                "STACKPILOT_JAR",
                Path.of("target/stackpilot.jar").toAbsolutePath().toString()),
            Duration.ofSeconds(60));
    List<String> all =
        new ArrayList<>(List.of("stackpilot", arguments[0], "-n", cluster.namespace()));
    all.addAll(List.of(arguments).subList(1, arguments.length));
    CommandResult result = kubectl.run(all.toArray(String[]::new));
    System.out.printf(
        "[plugin] $ kubectl %s%n%s%s",
        String.join(" ", all),
        result.stdout(),
        result.stderr().isEmpty() ? "" : "[stderr] " + result.stderr());
    return result;
  }
}
