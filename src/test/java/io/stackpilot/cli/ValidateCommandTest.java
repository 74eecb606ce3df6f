package io.stackpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `stackpilot validate` as CI runs it: its lines, its summary and its exit code. */
class ValidateCommandTest {

  @TempDir Path folder;

  @Test
  void theExampleStackValidatesClean() {
    Run run = validate("examples/homelab/");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).isEqualTo("8 object(s) checked: 0 error(s), 0 warning(s)\n");
  }

  @Test
  void everyErrorIsFileKindNameFieldProblem() throws IOException {
    Path file = write("sonarr.yaml", service("sonarr", "channel: canary\n  replicas: 51"));

    Run run = validate(file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .contains(
            file
                + ":MediaService/sonarr:spec.channel: error: unsupported value \"canary\" (use one of \"beta\", \"stable\")");
    assertThat(run.lines())
        .anyMatch(
            line ->
                line.startsWith(file + ":MediaService/sonarr:spec.replicas: error: 51 is above"));
    assertThat(run.lines())
        .contains(
            file
                + ":MediaService/sonarr: error: the CRD's CEL rules were not checked because of"
                + " the errors above (fix them and validate again)");
    assertThat(run.lines()).last().isEqualTo("1 object(s) checked: 3 error(s), 0 warning(s)");
  }

  @Test
  void theCrdsCelRulesAreChecked() throws IOException {
    Path file = write("sonarr.yaml", service("sonarr", "recovery: {failureWindow: 500ms}"));

    Run run = validate(file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .contains(
            file
                + ":MediaService/sonarr:spec.recovery.failureWindow: error: recovery.failureWindow must be at least 1s");
  }

  @Test
  void warningsAloneExitZero() throws IOException {
    Path file =
        write(
            "sonarr.yaml",
            """
        apiVersion: stackpilot.io/v1alpha1
        kind: MediaService
        metadata: {name: sonarr}
        spec:
          config: {LOG_LEVEL: info}
          channels:
            stable:
              image: lscr.io/linuxserver/sonarr:4.0.9
              config: {LOG_LEVL: debug}
        """);

    Run run = validate(file.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines())
        .anyMatch(
            line ->
                line.startsWith(
                    file
                        + ":MediaService/sonarr:spec.channels.stable.config[LOG_LEVL]: warning: "));
    assertThat(run.lines()).last().isEqualTo("1 object(s) checked: 0 error(s), 1 warning(s)");
  }

  @Test
  void theOperatorsChecksRunOnAnObjectTheApiServerWouldAccept() throws IOException {
    Path file =
        write(
            "radarr.yaml",
            service(
                "radarr",
                "env: [{name: RADARR_API_KEY, value: 3f9a1c7be2d84e6f9a0b1c2d3e4f5a6b}]"));

    Run run = validate(file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .anyMatch(
            line -> line.startsWith(file + ":MediaService/radarr:spec.env[0].value: error: "));
  }

  @Test
  void theOperatorsChecksDoNotRunOnAnObjectTheApiServerWouldReject() throws IOException {
    Path file =
        write(
            "radarr.yaml",
            service(
                "radarr",
                "env: [{name: RADARR_API_KEY, value: 3f9a1c7be2d84e6f9a0b1c2d3e4f5a6b}]\n  securityProfile: Root"));

    Run run = validate(file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines()).noneMatch(line -> line.contains("spec.env[0].value"));
    assertThat(run.lines())
        .anyMatch(
            line -> line.contains(":spec.securityProfile: error: unsupported value \"Root\""));
  }

  @Test
  void otherKindsAreLeftToTheirOwnTools() throws IOException {
    Path file =
        write(
            "mixed.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}\n---\n"
                + service("sonarr", "replicas: 1"));

    Run run = validate(file.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.lines()).containsExactly("1 object(s) checked: 0 error(s), 0 warning(s)");
  }

  @Test
  void unreadableFilesAndMissingPathsAreErrorsNotCrashes() throws IOException {
    Path broken = write("broken.yaml", "kind: MediaService\nmetadata: {name: [unclosed\n");
    Path missing = folder.resolve("missing.yaml");

    Run run = validate(broken.toString(), missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines())
        .anyMatch(line -> line.startsWith(broken + ": error: cannot be read as YAML: "));
    assertThat(run.lines()).contains(missing + ": error: no such file or folder (check the path)");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(folder.resolve(name), content);
  }

  private static String service(String name, String specLines) {
    return "apiVersion: stackpilot.io/v1alpha1\nkind: MediaService\nmetadata:\n  name: "
        + name
        + "\nspec:\n"
        + "  channels:\n    stable: {image: lscr.io/linuxserver/sonarr:4.0.9}\n  "
        + specLines
        + "\n";
  }

  private static Run validate(String... paths) {
    StringWriter output = new StringWriter();
    CommandLine command = new CommandLine(new StackpilotCommand());
    command.setOut(new PrintWriter(output, true));
    String[] args = new String[paths.length * 2 + 1];
    args[0] = "validate";
    for (int i = 0; i < paths.length; i++) {
      args[2 * i + 1] = "-f";
      args[2 * i + 2] = paths[i];
    }
    int exitCode = command.execute(args);
    return new Run(exitCode, output.toString());
  }

  private record Run(int exitCode, String output) {
    List<String> lines() {
      return output.lines().toList();
    }
  }
}
