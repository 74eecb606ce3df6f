package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.stack;
import static io.stackpilot.config.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.StorageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Storage comes from the service; the StorageClass of a created claim falls back to the stack's
 * default, then to the cluster's.
 */
class StorageLayeringTest {

  private static final String SERVICE_CLASS = "longhorn";
  private static final String BASE_CLASS = "local-path";
  private static final String MEDIA_CLASS = "nfs";

  @Test
  void volumesKeepTheServicesOrder() {
    var service =
        mediaService(
            spec -> spec.setStorage(List.of(volume("config", v -> {}), volume("cache", v -> {}))));

    EffectiveService effective = layerAlone(service);

    assertThat(effective.storage())
        .extracting(StorageSpec::getName)
        .containsExactly("config", "cache");
    assertThat(effective.provenance().layers())
        .contains(entry("storage.config", Layer.SERVICE), entry("storage.cache", Layer.SERVICE));
  }

  @Test
  void theVolumesOwnClassWinsOverTheStackDefault() {
    var stack = stack(s -> s.setMedia(defaults(d -> d.setStorageClassName(MEDIA_CLASS))));
    var service = withVolume(volume("config", v -> v.setStorageClassName(SERVICE_CLASS)));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.storage().get(0).getStorageClassName()).isEqualTo(SERVICE_CLASS);
    assertThat(effective.provenance().of("storage.config.storageClassName"))
        .contains(Layer.SERVICE);
  }

  @Test
  void withoutItsOwnClassAVolumeGetsTheBaseDefault() {
    var stack = stack(s -> s.setBase(defaults(d -> d.setStorageClassName(BASE_CLASS))));

    EffectiveService effective = layer(withVolume(volume("config", v -> {})), stack);

    assertThat(effective.storage().get(0).getStorageClassName()).isEqualTo(BASE_CLASS);
    assertThat(effective.provenance().of("storage.config.storageClassName"))
        .contains(Layer.STACK_BASE);
  }

  @Test
  void theCategoryDefaultWinsOverTheBaseDefault() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setStorageClassName(BASE_CLASS)));
              s.setMedia(defaults(d -> d.setStorageClassName(MEDIA_CLASS)));
            });

    EffectiveService effective = layer(withVolume(volume("config", v -> {})), stack);

    assertThat(effective.storage().get(0).getStorageClassName()).isEqualTo(MEDIA_CLASS);
    assertThat(effective.provenance().of("storage.config.storageClassName"))
        .contains(Layer.STACK_CATEGORY);
  }

  @Test
  void anEmptyClassMeansTheDefaultLikeAnAbsentOne() {
    var stack = stack(s -> s.setBase(defaults(d -> d.setStorageClassName(BASE_CLASS))));

    EffectiveService effective =
        layer(withVolume(volume("config", v -> v.setStorageClassName(""))), stack);

    assertThat(effective.storage().get(0).getStorageClassName()).isEqualTo(BASE_CLASS);
  }

  @Test
  void anEmptyStackDefaultIsNoDefault() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setStorageClassName(BASE_CLASS)));
              s.setMedia(defaults(d -> d.setStorageClassName("")));
            });

    EffectiveService effective = layer(withVolume(volume("config", v -> {})), stack);

    assertThat(effective.storage().get(0).getStorageClassName()).isEqualTo(BASE_CLASS);
    assertThat(effective.provenance().of("storage.config.storageClassName"))
        .contains(Layer.STACK_BASE);
  }

  @Test
  void withNoClassAnywhereTheClaimAsksForTheClusterDefault() {
    var stack = stack(s -> s.setBase(defaults(d -> {})));

    EffectiveService effective =
        layer(withVolume(volume("config", v -> v.setStorageClassName(""))), stack);

    // null, not "": on a claim "" would mean no class at all.
    assertThat(effective.storage().get(0).getStorageClassName()).isNull();
    assertThat(effective.provenance().of("storage.config.storageClassName"))
        .contains(Layer.BUILT_IN);
  }

  @Test
  void anExistingClaimIsLeftAsTheUserWroteIt() {
    var stack = stack(s -> s.setBase(defaults(d -> d.setStorageClassName(BASE_CLASS))));
    var service =
        withVolume(
            volume(
                "library",
                v -> {
                  v.setSize(null);
                  v.setExistingClaim("media-library");
                }));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.storage().get(0).getStorageClassName()).isNull();
    assertThat(effective.storage().get(0).getExistingClaim()).isEqualTo("media-library");
    assertThat(effective.provenance().of("storage.library.storageClassName")).isEmpty();
  }

  @Test
  void everyCreatedClaimIsResolvedOnItsOwn() {
    var stack = stack(s -> s.setBase(defaults(d -> d.setStorageClassName(BASE_CLASS))));
    var service =
        mediaService(
            spec ->
                spec.setStorage(
                    List.of(
                        volume("config", v -> v.setStorageClassName(SERVICE_CLASS)),
                        volume("cache", v -> {}))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.storage())
        .extracting(StorageSpec::getStorageClassName)
        .containsExactly(SERVICE_CLASS, BASE_CLASS);
  }

  private static MediaService withVolume(StorageSpec volume) {
    return mediaService(spec -> spec.setStorage(List.of(volume)));
  }

  @Test
  void aVolumeWithoutItsOwnSnapshotClassGetsTheStacksUnlessItsSnapshotsAreOff() {
    var stack =
        stack(
            s -> {
              s.setBase(defaults(d -> d.setVolumeSnapshotClassName("base-snapshots")));
              s.setMedia(defaults(d -> d.setVolumeSnapshotClassName("media-snapshots")));
            });
    var service =
        mediaService(
            spec ->
                spec.setStorage(
                    List.of(
                        volume("config", v -> v.setSnapshotBeforeUpgrade(true)),
                        volume(
                            "db",
                            v -> {
                              v.setSnapshotBeforeUpgrade(true);
                              v.setVolumeSnapshotClassName("own");
                            }),
                        volume("cache", v -> {}),
                        volume("scratch", v -> v.setSnapshotBeforeUpgrade(false)))));

    EffectiveService effective = layer(service, stack);

    assertThat(effective.storage())
        .extracting(StorageSpec::getVolumeSnapshotClassName)
        .containsExactly("media-snapshots", "own", "media-snapshots", null);
    assertThat(effective.provenance().of("storage.config.volumeSnapshotClassName"))
        .contains(Layer.STACK_CATEGORY);
  }
}
