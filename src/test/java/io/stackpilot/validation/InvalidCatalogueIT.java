package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.stackpilot.testing.CommandResult;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/design.md, Validation point 1: the API server itself rejects malformed objects at kubectl
 * apply, with a message that names the field. Every case of the invalid catalogue is applied as a
 * user would; each must fail with its expected message, and the baselines must be accepted, so that
 * a rule that rejects too much shows up as well as one that rejects too little.
 */
@WithLocalCluster
class InvalidCatalogueIT {

  @BeforeAll
  static void installCrds(TestCluster cluster) {
    cluster.installCrds();
  }

  @TestFactory
  Stream<DynamicTest> theApiServerRejectsEachInvalidObjectNamingTheField(TestCluster cluster) {
    return InvalidCatalogue.invalidObjects().stream()
        .map(
            file ->
                dynamicTest(
                    name(file),
                    () -> {
                      CommandResult applied = cluster.kubectl("apply", "-f", file.toString());

                      assertThat(applied.succeeded())
                          .as("the API server accepted %s:%n%s", file, applied.describe())
                          .isFalse();
                      assertThat(applied.stderr())
                          .as(applied.describe())
                          .contains(InvalidCatalogue.expectations(file));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> theApiServerAcceptsTheBaselines(TestCluster cluster) {
    return InvalidCatalogue.baselines().stream()
        .map(
            file ->
                dynamicTest(
                    name(file),
                    () -> cluster.kubectl("apply", "-f", file.toString()).assertSuccess()));
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
