package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.resources;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests and limits merge by resource name, so a stack's memory limit survives a service's CPU
 * request.
 */
class ResourcesLayeringTest {

  @Test
  void requestsAndLimitsMergeByResourceName() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d ->
                          d.setResources(
                              resources(
                                  Map.of("cpu", "100m", "memory", "128Mi"),
                                  Map.of("memory", "512Mi")))));
              s.setMedia(
                  defaults(
                      d ->
                          d.setResources(
                              resources(Map.of(), Map.of("memory", "1Gi", "cpu", "2")))));
            });
    var service =
        mediaService(
            spec -> spec.setResources(resources(Map.of("cpu", "500m"), Map.of("cpu", "1"))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.resources().getRequests())
        .containsExactly(
            entry("cpu", new Quantity("500m")), entry("memory", new Quantity("128Mi")));
    assertThat(effective.resources().getLimits())
        .containsExactly(entry("cpu", new Quantity("1")), entry("memory", new Quantity("1Gi")));
    assertThat(effective.provenance().layers())
        .contains(
            entry("resources.requests.cpu", Layer.SERVICE),
            entry("resources.requests.memory", Layer.STACK_BASE),
            entry("resources.limits.cpu", Layer.SERVICE),
            entry("resources.limits.memory", Layer.STACK_CATEGORY));
  }

  @Test
  void aStackLimitAppliesWhenTheServiceSetsOnlyRequests() {
    var stack =
        stack(
            s ->
                s.setBase(
                    defaults(d -> d.setResources(resources(Map.of(), Map.of("memory", "512Mi"))))));
    var service =
        mediaService(spec -> spec.setResources(resources(Map.of("memory", "256Mi"), Map.of())));

    ResourceRequirements resources = layer(service, stack).resources();

    assertThat(resources.getRequests()).containsExactly(entry("memory", new Quantity("256Mi")));
    assertThat(resources.getLimits()).containsExactly(entry("memory", new Quantity("512Mi")));
  }

  @Test
  void noResourcesAnywhereLeavesRequestsAndLimitsEmpty() {
    ResourceRequirements resources = layerAlone(mediaService(spec -> {})).resources();

    assertThat(resources.getRequests()).isEmpty();
    assertThat(resources.getLimits()).isEmpty();
    assertThat(resources.getClaims()).isEmpty();
  }

  @Test
  void resourceClaimsMergeByName() {
    var stack =
        stack(
            s ->
                s.setBase(
                    defaults(
                        d -> {
                          ResourceRequirements shared = resources(Map.of(), Map.of());
                          shared.setClaims(
                              List.of(
                                  new ResourceClaim("gpu", "any"),
                                  new ResourceClaim("fpga", null)));
                          d.setResources(shared);
                        })));
    var service =
        mediaService(
            spec -> {
              ResourceRequirements own = resources(Map.of(), Map.of());
              own.setClaims(List.of(new ResourceClaim("gpu", "big")));
              spec.setResources(own);
            });

    EffectiveService effective = layer(service, stack);

    assertThat(effective.resources().getClaims())
        .containsExactly(new ResourceClaim("gpu", "big"), new ResourceClaim("fpga", null));
    assertThat(effective.provenance().layers())
        .contains(
            entry("resources.claims.gpu", Layer.SERVICE),
            entry("resources.claims.fpga", Layer.STACK_BASE));
  }
}
