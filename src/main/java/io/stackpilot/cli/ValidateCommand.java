package io.stackpilot.cli;

import io.stackpilot.manifest.ManifestDocument;
import io.stackpilot.manifest.ManifestReader;
import io.stackpilot.schema.StackpilotCrds;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Checks manifests offline, for GitOps CI: every message as file:kind/name:field: problem (fix).
 * Exit code 1 when there are errors, 0 otherwise (also with warnings).
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check ServiceStack and service manifests offline, as the API server would at kubectl apply"
          + " (the CRDs' schemas and CEL rules, from the jar), plus the operator's checks that need no cluster.",
      "Cannot check what needs the cluster (existing Secrets, ConfigMaps, claims, stacks, dependencies)"
          + " nor transition rules, which compare with the object's previous version.",
      "Exit code 1 on errors, 0 with warnings only."
    })
public final class ValidateCommand implements Callable<Integer> {

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILES",
      description = "Files or folders to check (folders recursively: .yaml, .yml, .json).")
  List<Path> files;

  @Spec CommandSpec spec;

  private int errors;
  private int warnings;
  private int checked;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    OfflineChecks checks = new OfflineChecks(StackpilotCrds.validator());
    for (Path path : files) {
      if (!Files.exists(path)) {
        report(
            out,
            path.toString(),
            new OfflineChecks.Problem("", true, "no such file or folder (check the path)"));
        continue;
      }
      for (Path file : ManifestReader.files(path)) {
        List<ManifestDocument> documents;
        try {
          documents = ManifestReader.readDocuments(file);
        } catch (UncheckedIOException e) {
          report(
              out,
              file.toString(),
              new OfflineChecks.Problem(
                  "",
                  true,
                  "cannot be read as YAML: "
                      + e.getCause().getMessage().lines().findFirst().orElse("")
                      + " (fix the syntax)"));
          continue;
        }
        for (ManifestDocument document : documents) {
          if (checks.covers(document)) {
            checked++;
            checks.check(document).forEach(problem -> report(out, document.location(), problem));
          }
        }
      }
    }
    out.println(
        checked + " object(s) checked: " + errors + " error(s), " + warnings + " warning(s)");
    out.flush();
    return errors > 0 ? 1 : 0;
  }

  private void report(PrintWriter out, String location, OfflineChecks.Problem problem) {
    String field = problem.field().isEmpty() ? "" : ":" + problem.field();
    out.println(
        location
            + field
            + ": "
            + (problem.error() ? "error" : "warning")
            + ": "
            + problem.message());
    if (problem.error()) {
      errors++;
    } else {
      warnings++;
    }
  }
}
