package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static io.stackpilot.validation.SpecValidator.validateStack;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.stackpilot.api.MalformedQuantity;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests, limits and divisors the CRD lets through as any string, but that are no quantity. */
class QuantityValidationTest {

  @Test
  void aMalformedRequestOrLimitIsAnErrorOnItsField() {
    MediaService sonarr = Specs.media("sonarr", Specs.MINIMAL);
    sonarr
        .getSpec()
        .setResources(
            new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new MalformedQuantity("1 Gi"))
                .addToLimits("memory", new MalformedQuantity("lots"))
                .build());

    ValidationReport report = validateService(sonarr, ClusterFacts.offline());

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactlyInAnyOrder(
            "spec.resources.requests.memory", "spec.resources.limits.memory");
    assertThat(report.errors().get(0).message()).contains("not a Kubernetes quantity");
  }

  @Test
  void aMalformedDivisorInAChannelOverrideIsAnError() {
    MediaService sonarr = Specs.media("sonarr", Specs.MINIMAL);
    var memory =
        new EnvVarBuilder()
            .withName("MEMORY")
            .withNewValueFrom()
            .withNewResourceFieldRef()
            .withResource("limits.memory")
            .endResourceFieldRef()
            .endValueFrom()
            .build();
    // Set, not built: a fabric8 builder copies a quantity into a plain one, as deserialization does
    // not.
    memory.getValueFrom().getResourceFieldRef().setDivisor(new MalformedQuantity("1 Mi"));
    sonarr.getSpec().getChannels().getStable().setEnv(List.of(memory));

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors())
        .extracting(Finding::field)
        .containsExactly("spec.channels.stable.env[0].valueFrom.resourceFieldRef.divisor");
  }

  @Test
  void aStackDefaultsBlockIsCheckedToo() {
    ServiceStack home = Specs.stack("home", "media: {}");
    home.getSpec()
        .getMedia()
        .setResources(
            new ResourceRequirementsBuilder()
                .addToRequests("cpu", new MalformedQuantity("1e400x"))
                .build());

    assertThat(validateStack(home, ClusterFacts.offline()).errors())
        .extracting(Finding::field)
        .containsExactly("spec.media.resources.requests.cpu");
  }

  @Test
  void aMemberOfAStackWithAMalformedDefaultIsInvalidToo() {
    ServiceStack home = Specs.stack("home", "base: {}");
    home.getSpec()
        .getBase()
        .setResources(
            new ResourceRequirementsBuilder()
                .addToLimits("memory", new MalformedQuantity("1 Gi"))
                .build());
    MediaService sonarr = Specs.media("sonarr", "stack: home\n" + Specs.MINIMAL);

    assertThat(validateService(sonarr, ClusterFacts.emptyCluster().withStack(home)).errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.stack");
              assertThat(error.message())
                  .contains("ServiceStack home", "spec.base.resources.limits.memory");
            });
  }

  @Test
  void aLongValueIsShortenedSoTheStatusStaysSmall() {
    MediaService sonarr = Specs.media("sonarr", Specs.MINIMAL);
    sonarr
        .getSpec()
        .setResources(
            new ResourceRequirementsBuilder()
                .addToRequests("memory", new MalformedQuantity("x".repeat(1 << 20)))
                .build());

    assertThat(validateService(sonarr, ClusterFacts.offline()).errors())
        .singleElement()
        .satisfies(error -> assertThat(error.message()).hasSizeLessThan(300));
  }
}
