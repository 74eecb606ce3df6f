package io.stackpilot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's demo commands, end to end and non-interactive: the demo brings the example stack up
 * on its own control plane, breaks a service, sees it roll back, and leaves no process behind; with
 * a real node, podinfo answers HTTP before the bad upgrade and after the rollback.
 */
class DemoIT {

  @Test
  void demoShowsTheStackComeUpAndABadUpgradeRollBack() throws Exception {
    List<ProcessHandle> before = controlPlaneProcesses();
    String output = runDemo("--exit-after", "--timeout", "3m");
    printFigures(output, "demo", "The stack is up", "Control plane ready", "sonarr rolled back");

    assertThat(output)
        .contains("The stack is up")
        .contains("sonarr rolled back by itself and serves lscr.io/linuxserver/sonarr:4.0.15 again")
        .contains("RolledBack");
    assertThat(controlPlaneProcesses()).as("processes the demo left behind").hasSameSizeAs(before);
  }

  @Test
  void realNodeDemoServesHttpFromRealPodsAndRollsBackARealCrash() throws Exception {
    List<ProcessHandle> before = controlPlaneProcesses();
    String output = runDemo("--real-node", "--exit-after", "--timeout", "3m");
    printFigures(output, "demo --real-node", "The stack is up", "Real node", "podinfo rolled back");

    List<String> answers = output.lines().filter(l -> l.startsWith("GET http://")).toList();
    assertThat(answers)
        .as(output)
        .hasSize(8)
        .allSatisfy(a -> assertThat(a).contains("-> 200 from pod podinfo-"));
    assertThat(output)
        .contains("podinfo rolled back by itself and serves stackpilot.test/podinfo:healthy again")
        .contains("RolledBack");
    assertThat(controlPlaneProcesses()).as("processes the demo left behind").hasSameSizeAs(before);
  }

  /** The demo's lines that start with one of the prefixes, as figures of the run. */
  private static void printFigures(String output, String label, String... prefixes) {
    output
        .lines()
        .filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith))
        .forEach(l -> System.out.println("[figure] " + label + ": " + l));
  }

  /** The demo's output; fails with it when the demo exits with an error. */
  private static String runDemo(String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    int exitCode;
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    try {
      exitCode = new CommandLine(new DemoCommand()).execute(args);
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).as(output).isZero();
    return output;
  }

  private static List<ProcessHandle> controlPlaneProcesses() {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .command()
                    .map(
                        c ->
                            c.endsWith("/kube-apiserver")
                                || c.endsWith("/etcd")
                                || c.endsWith("/kwok")
                                || c.endsWith("/kube-controller-manager")
                                || c.endsWith("/kube-scheduler")
                                || c.endsWith("/kubelet")
                                || c.endsWith("/containerd")
                                || c.endsWith("/kube-proxy")
                                || c.endsWith("/coredns"))
                    .orElse(false))
        .filter(
            p ->
                p.parent()
                    .map(parent -> parent.pid() == ProcessHandle.current().pid())
                    .orElse(false))
        .toList();
  }
}
