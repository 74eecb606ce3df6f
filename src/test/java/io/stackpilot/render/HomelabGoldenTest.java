package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.manifest.Manifest;
import io.stackpilot.manifest.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every service of examples/homelab and compares the objects with the golden files in
 * src/test/resources/golden/homelab. After an intended change, regenerate them with {@code mvn test
 * -Dtest=HomelabGoldenTest -Dgolden.update=true} and review the diff.
 */
class HomelabGoldenTest {

  private static final Path EXAMPLE = Path.of("examples/homelab");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/homelab");
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @TestFactory
  Stream<DynamicTest> everyExampleServiceRendersAsItsGoldenFile() {
    List<Manifest> manifests = ManifestReader.read(EXAMPLE);
    Optional<ServiceStack> stack =
        manifests.stream()
            .map(Manifest::object)
            .filter(ServiceStack.class::isInstance)
            .map(ServiceStack.class::cast)
            .findFirst();
    List<StackService> services =
        manifests.stream()
            .map(Manifest::object)
            .filter(StackService.class::isInstance)
            .map(StackService.class::cast)
            .toList();
    assertThat(services).as("services in " + EXAMPLE).hasSizeGreaterThanOrEqualTo(7);

    return services.stream()
        .map(
            service ->
                DynamicTest.dynamicTest(
                    service.getKind() + "/" + service.getMetadata().getName(),
                    () -> {
                      service.getMetadata().setNamespace("homelab");
                      EffectiveService effective =
                          Layering.layer(
                              service,
                              stack,
                              Layering.selectedChannel(service.serviceSpec(), stack),
                              Overlays.none());
                      RenderedService rendered = ServiceRenderer.render(effective, owner(service));
                      String actual = YAML.asYaml(rendered.objects());
                      Path golden =
                          GOLDEN.resolve(
                              service.getKind() + "-" + service.getMetadata().getName() + ".yaml");
                      if (Boolean.getBoolean("golden.update")) {
                        Files.writeString(golden, actual);
                      }
                      assertThat(golden)
                          .as("golden file (regenerate with -Dgolden.update=true)")
                          .exists();
                      assertThat(actual).isEqualTo(Files.readString(golden));
                    }));
  }

  private static OwnerReference owner(StackService service) {
    return new OwnerReferenceBuilder()
        .withApiVersion("stackpilot.io/v1alpha1")
        .withKind(service.getKind())
        .withName(service.getMetadata().getName())
        .withUid("00000000-0000-0000-0000-000000000000")
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
