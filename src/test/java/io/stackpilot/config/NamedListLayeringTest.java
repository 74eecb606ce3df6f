package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.file;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.port;
import static io.stackpilot.config.Fixtures.pullSecret;
import static io.stackpilot.config.Fixtures.stack;
import static io.stackpilot.config.Fixtures.toleration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.PortSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists of named items merge by name; tolerations, which have no name, by equality. */
class NamedListLayeringTest {

  @Test
  void portsComeFromTheServiceInItsOrder() {
    var service =
        mediaService(spec -> spec.setPorts(List.of(port("http", 8989), port("metrics", 9707))));

    EffectiveService effective = layerAlone(service);

    assertThat(effective.ports())
        .extracting(PortSpec::getName, PortSpec::getPort)
        .containsExactly(tuple("http", 8989), tuple("metrics", 9707));
    assertThat(effective.provenance().layers())
        .contains(entry("ports.http", Layer.SERVICE), entry("ports.metrics", Layer.SERVICE));
  }

  @Test
  void configFilesComeFromTheServiceByPath() {
    var service =
        mediaService(
            spec ->
                spec.setConfigFiles(
                    List.of(file("/config/b.yml", "b: 1"), file("/config/a.yml", "a: 1"))));

    EffectiveService effective = layerAlone(service);

    assertThat(effective.configFiles())
        .extracting(ConfigFile::getPath, ConfigFile::getContent)
        .containsExactly(tuple("/config/b.yml", "b: 1"), tuple("/config/a.yml", "a: 1"));
    assertThat(effective.provenance().layers())
        .contains(
            entry("configFiles./config/b.yml", Layer.SERVICE),
            entry("configFiles./config/a.yml", Layer.SERVICE));
  }

  @Test
  void imagePullSecretsMergeByNameBaseFirst() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d ->
                          d.setImagePullSecrets(
                              List.of(pullSecret("regcred"), pullSecret("ghcr")))));
              s.setMedia(
                  defaults(
                      d -> d.setImagePullSecrets(List.of(pullSecret("ghcr"), pullSecret("quay")))));
            });

    EffectiveService effective = layer(mediaService(spec -> {}), stack);

    assertThat(effective.imagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("regcred", "ghcr", "quay");
    assertThat(effective.provenance().layers())
        .contains(
            entry("imagePullSecrets.regcred", Layer.STACK_BASE),
            entry("imagePullSecrets.ghcr", Layer.STACK_CATEGORY),
            entry("imagePullSecrets.quay", Layer.STACK_CATEGORY));
  }

  @Test
  void tolerationsAreTheStacksThenTheServicesWithoutRepeats() {
    var stack =
        stack(
            s -> {
              s.setBase(
                  defaults(
                      d ->
                          d.setTolerations(
                              List.of(toleration("gpu", "yes"), toleration("arm", "yes")))));
              s.setMedia(
                  defaults(
                      d ->
                          d.setTolerations(
                              List.of(toleration("arm", "yes"), toleration("media", "yes")))));
            });
    var service =
        mediaService(
            spec ->
                spec.setTolerations(List.of(toleration("gpu", "yes"), toleration("gpu", "no"))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.tolerations())
        .containsExactly(
            toleration("gpu", "yes"),
            toleration("arm", "yes"),
            toleration("media", "yes"),
            toleration("gpu", "no"));
  }

  @Test
  void aServiceWithoutListsGetsEmptyOnes() {
    EffectiveService effective = layerAlone(mediaService(spec -> {}));

    assertThat(effective.ports()).isEmpty();
    assertThat(effective.env()).isEmpty();
    assertThat(effective.configFiles()).isEmpty();
    assertThat(effective.storage()).isEmpty();
    assertThat(effective.tolerations()).isEmpty();
    assertThat(effective.imagePullSecrets()).isEmpty();
    assertThat(effective.dependsOn()).isEmpty();
  }
}
