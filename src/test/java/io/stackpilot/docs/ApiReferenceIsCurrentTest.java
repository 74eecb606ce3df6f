package io.stackpilot.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/api.md is what the generator makes of the CRDs today; `make docs` refreshes it. */
class ApiReferenceIsCurrentTest {

  @Test
  void docsApiMdMatchesAFreshGeneration() throws IOException {
    String checkedIn = Files.readString(ApiReferenceGenerator.DEFAULT_OUTPUT);

    assertThat(checkedIn)
        .as("docs/api.md is stale: run `make docs` and commit the result")
        .isEqualTo(ApiReferenceGenerator.generate());
  }
}
