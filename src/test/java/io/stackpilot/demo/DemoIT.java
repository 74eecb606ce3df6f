package io.stackpilot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    System.out.println(
        output
            .lines()
            .filter(
                l ->
                    l.startsWith("The stack is up")
                        || l.startsWith("Control plane ready")
                        || l.startsWith("sonarr rolled back"))
            .map(l -> "[figure] demo: " + l)
            .reduce("", (a, b) -> a + b + "\n"));

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
    System.out.println(
        output
            .lines()
            .filter(
                l ->
                    l.startsWith("The stack is up")
                        || l.startsWith("Real node")
                        || l.startsWith("podinfo rolled back"))
            .map(l -> "[figure] demo --real-node: " + l)
            .reduce("", (a, b) -> a + b + "\n"));

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
