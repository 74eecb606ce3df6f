package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageValidationTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "accessMode: ReadWriteOnce, ", "accessMode: ReadWriteOncePod, "})
  void severalReplicasOnASingleWriterVolumeAreAnError(String accessMode) {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + """
        replicas: 2
        storage:
          - {name: cache, mountPath: /cache, size: 1Gi, accessMode: ReadWriteMany}
          - {name: config, mountPath: /config, %ssize: 2Gi}
        """
                    .formatted(accessMode));

    ValidationReport report = validateService(jellyfin, ClusterFacts.offline());

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.storage[1].accessMode");
              assertThat(error.message())
                  .contains("config", "spec.replicas is 2", "ReadWriteMany", "replicas: 1");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"replicas: 1\n", "replicas: 0\n", ""})
  void oneReplicaOnASingleWriterVolumeIsFine(String replicas) {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + replicas
                + """
        storage: [{name: config, mountPath: /config, size: 2Gi}]
        """);

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void severalReplicasOnASharedOrUserOwnedVolumeAreFine() {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + """
        replicas: 3
        storage:
          - {name: cache, mountPath: /cache, size: 1Gi, accessMode: ReadWriteMany}
          - {name: media, mountPath: /media, existingClaim: media}
        """);

    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }

  @Test
  void claimsThatDoNotExistAreErrors() {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + """
        storage:
          - {name: config, mountPath: /config, size: 2Gi}
          - {name: downloads, mountPath: /downloads, existingClaim: downloads}
        media:
          libraries:
            - {name: tv, claimName: media, mountPath: /data/tv}
            - {name: movies, claimName: movies, mountPath: /data/movies}
        """);

    ValidationReport report =
        validateService(jellyfin, ClusterFacts.emptyCluster().withClaim("media"));

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly("spec.storage[1].existingClaim", "spec.media.libraries[1].claimName");
    assertThat(report.errors())
        .extracting(Finding::message)
        .satisfiesExactly(
            existing ->
                assertThat(existing).contains("PersistentVolumeClaim downloads", "does not exist"),
            library ->
                assertThat(library).contains("PersistentVolumeClaim movies", "does not exist"));
  }

  @Test
  void claimsThatExistAreFine() {
    MediaService jellyfin =
        Specs.media(
            "jellyfin",
            Specs.MINIMAL
                + """
        storage: [{name: downloads, mountPath: /downloads, existingClaim: downloads}]
        media:
          libraries: [{name: tv, claimName: media, mountPath: /data/tv}]
        """);

    ClusterFacts facts = ClusterFacts.emptyCluster().withClaim("media").withClaim("downloads");

    assertThat(validateService(jellyfin, facts).errors()).isEmpty();
    assertThat(validateService(jellyfin, ClusterFacts.offline()).errors()).isEmpty();
  }
}
