package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A finding quotes names from the spec, which may be huge; status and Events must stay small. */
class BoundedFindingsTest {

  @Test
  void aMegabyteNameInASpecGivesAFindingOfBoundedSize() {
    String huge = "s".repeat(1 << 20);
    MediaService sonarr =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        env:
          - name: TOKEN
            valueFrom: {secretKeyRef: {name: %s, key: token}}
        """
                    .formatted(huge));
    // A config key that long is no YAML key; set it directly.
    sonarr.getSpec().setConfig(Map.of("API_KEY" + huge, "x"));

    ValidationReport report = validateService(sonarr, ClusterFacts.emptyCluster());

    assertThat(report.errors())
        .isNotEmpty()
        .allSatisfy(
            error -> {
              assertThat(error.field().length()).isLessThanOrEqualTo(Findings.LONGEST_FIELD + 40);
              assertThat(error.message().length())
                  .isLessThanOrEqualTo(Findings.LONGEST_MESSAGE + 40);
              assertThat(error.message()).endsWith("characters)");
            });
  }
}
