package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.stackpilot.cli.StackpilotCommand;
import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * docs/design.md, Validation point 3: {@code stackpilot validate} runs the API server's checks
 * offline. Every case of the invalid catalogue and every baseline goes both to the API server
 * (kubectl apply with server-side dry run, so strict field validation, defaulting, schema and CEL
 * all run, and nothing is stored) and to validate; both must accept or reject it, and name the same
 * fields.
 */
@WithLocalCluster
class OfflineValidationMatchesApiServerIT {

  @BeforeAll
  static void installCrds(TestCluster cluster) {
    cluster.installCrds();
  }

  @TestFactory
  Stream<DynamicTest> validateGivesTheApiServersVerdictOnEveryCase(TestCluster cluster) {
    return Stream.concat(
            InvalidCatalogue.invalidObjects().stream(), InvalidCatalogue.baselines().stream())
        .map(
            file ->
                dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      CommandResult apply =
                          cluster.kubectl("apply", "--dry-run=server", "-f", file.toString());
                      Validation offline = validate(file);

                      Verdict apiServer = Verdict.ofKubectl(apply);
                      assertThat(
                              Verdict.ofValidate(
                                  offline.exitCode(), offline.output(), file.toString()))
                          .as(
                              "validate said:%n%s%nthe API server said:%n%s",
                              offline.output(), apply.describe())
                          .isEqualTo(apiServer);
                    }));
  }

  @Test
  void theExampleStackValidatesCleanAndTheApiServerAcceptsIt(TestCluster cluster) {
    Validation offline = validate(Path.of("examples/homelab"));

    assertThat(offline.exitCode()).as(offline.output()).isZero();
    assertThat(offline.output()).endsWith("0 error(s), 0 warning(s)\n");
    cluster.kubectl("apply", "--dry-run=server", "-f", "examples/homelab/").assertSuccess();
  }

  private static Validation validate(Path file) {
    StringWriter output = new StringWriter();
    CommandLine cli = new CommandLine(new StackpilotCommand());
    cli.setOut(new PrintWriter(output, true));
    int exitCode = cli.execute("validate", "-f", file.toString());
    return new Validation(exitCode, output.toString());
  }

  private record Validation(int exitCode, String output) {}
}
