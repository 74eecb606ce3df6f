package io.stackpilot.docs;

import io.stackpilot.schema.StackpilotCrds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes docs/api.md from the CRDs on the classpath (the generated ones, equal to crds/). Run by
 * {@code make docs} through the exec plugin rather than as a CLI subcommand, so that users of the
 * jar do not see a maintainers' tool.
 */
public final class ApiReferenceGenerator {

  /** Where the reference lives, relative to the repository root. */
  public static final Path DEFAULT_OUTPUT = Path.of("docs/api.md");

  private ApiReferenceGenerator() {}

  public static String generate() {
    return ApiReference.render(StackpilotCrds.definitions());
  }

  public static void main(String[] args) throws IOException {
    Path output = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, generate(), StandardCharsets.UTF_8);
    System.out.println("wrote " + output);
  }
}
