package io.stackpilot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's first command, end to end and non-interactive: the demo brings the example stack up
 * on its own control plane, breaks sonarr, sees it roll back, and leaves no process behind.
 */
class DemoIT {

  @Test
  void demoShowsTheStackComeUpAndABadUpgradeRollBack() throws Exception {
    List<ProcessHandle> before = controlPlaneProcesses();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    PrintStream originalErr = System.err;
    int exitCode;
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    try {
      exitCode = new CommandLine(new DemoCommand()).execute("--exit-after", "--timeout", "3m");
    } finally {
      System.setOut(original);
      System.setErr(originalErr);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
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

    assertThat(exitCode).as(output).isZero();
    assertThat(output)
        .contains("The stack is up")
        .contains("sonarr rolled back by itself and serves lscr.io/linuxserver/sonarr:4.0.15 again")
        .contains("RolledBack");
    assertThat(controlPlaneProcesses()).as("processes the demo left behind").hasSameSizeAs(before);
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
                                || c.endsWith("/kube-scheduler"))
                    .orElse(false))
        .filter(
            p ->
                p.parent()
                    .map(parent -> parent.pid() == ProcessHandle.current().pid())
                    .orElse(false))
        .toList();
  }
}
