package io.stackpilot.cli;

import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.manifest.Manifest;
import io.stackpilot.manifest.ManifestReader;
import io.stackpilot.validation.ClusterFacts;
import io.stackpilot.validation.Finding;
import io.stackpilot.validation.SpecValidator;
import io.stackpilot.validation.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks manifests offline, for GitOps CI: every message as file:kind/name:field: problem (fix).
 * Exit code 1 when there are errors, 0 otherwise (also with warnings).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check ServiceStack and service manifests offline (the checks that need no cluster)."
        + " Exit code 1 on errors, 0 with warnings only.")
public final class ValidateCommand implements Callable<Integer> {

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILES",
      description = "Files or folders to check.")
  List<Path> files;

  private final PrintStream out = System.out;

  @Override
  public Integer call() {
    int errors = 0;
    int warnings = 0;
    int checked = 0;
    for (Path file : files) {
      for (Manifest manifest : ManifestReader.read(file)) {
        ValidationReport report;
        if (manifest.object() instanceof StackService service) {
          report = SpecValidator.validateService(service, ClusterFacts.offline());
        } else if (manifest.object() instanceof ServiceStack stack) {
          report = SpecValidator.validateStack(stack, ClusterFacts.offline());
        } else {
          continue;
        }
        checked++;
        for (Finding error : report.errors()) {
          out.println(manifest.location() + ":" + error.field() + ": error: " + error.message());
        }
        for (Finding warning : report.warnings()) {
          out.println(manifest.location() + ":" + warning.field() + ": warning: " + warning.message());
        }
        errors += report.errors().size();
        warnings += report.warnings().size();
      }
    }
    out.println(checked + " object(s) checked: " + errors + " error(s), " + warnings + " warning(s)");
    return errors > 0 ? 1 : 0;
  }
}
