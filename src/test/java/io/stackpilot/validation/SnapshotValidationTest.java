package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.datasafety.SnapshotClassInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotValidationTest {

  private static final MediaService WITH_CLASS =
      Specs.media(
          "sonarr",
          Specs.MINIMAL
              + """
      storage:
        - {name: config, mountPath: /config, size: 2Gi, snapshotBeforeUpgrade: true, volumeSnapshotClassName: csi}
      """);
  private static final MediaService WITHOUT_CLASS =
      Specs.media(
          "sonarr",
          Specs.MINIMAL
              + """
      storage:
        - {name: config, mountPath: /config, size: 2Gi, snapshotBeforeUpgrade: true}
      """);

  @Test
  void withoutTheSnapshotApiSnapshotBeforeUpgradeIsAnErrorThatSaysWhatToInstallOrTurnOff() {
    ValidationReport report =
        validateService(WITH_CLASS, ClusterFacts.emptyCluster().withSnapshotApi(Optional.empty()));
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.storage[0].snapshotBeforeUpgrade");
              assertThat(error.message())
                  .contains(
                      "no snapshot.storage.k8s.io/v1 API",
                      "install",
                      "snapshotBeforeUpgrade: false");
            });
  }

  @Test
  void aClassThatDoesNotExistIsNamedWithTheOnesThatDo() {
    ValidationReport report =
        validateService(
            WITH_CLASS, ClusterFacts.emptyCluster().withSnapshotApi(classes("fast", "slow")));
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.storage[0].volumeSnapshotClassName");
              assertThat(error.message())
                  .contains(
                      "VolumeSnapshotClass csi",
                      "spec.storage[0].volumeSnapshotClassName",
                      "fast, slow");
            });
  }

  @Test
  void aDefaultClassOfSomeDriverIsEnoughWhenNoneIsNamed() {
    assertThat(
            validateService(
                    WITHOUT_CLASS,
                    ClusterFacts.emptyCluster()
                        .withSnapshotApi(
                            Optional.of(
                                List.of(
                                    new SnapshotClassInfo("csi", "hostpath.csi.k8s.io", true)))))
                .errors())
        .isEmpty();
  }

  @Test
  void aClassNamedByAVolumeThatLeavesSnapshotsToTheDefaultsMustExist() {
    MediaService named =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        storage: [{name: config, mountPath: /config, size: 2Gi, volumeSnapshotClassName: fast}]
        """);
    assertThat(validateService(named, ClusterFacts.emptyCluster().withSnapshotApi(classes("slow"))))
        .satisfies(
            report ->
                assertThat(report.errors())
                    .singleElement()
                    .satisfies(
                        error -> {
                          assertThat(error.field())
                              .isEqualTo("spec.storage[0].volumeSnapshotClassName");
                          assertThat(error.message()).contains("VolumeSnapshotClass fast", "slow");
                        }));
    assertThat(
            validateService(named, ClusterFacts.emptyCluster().withSnapshotApi(classes("fast")))
                .errors())
        .isEmpty();
  }

  @Test
  void noClassAnywhereIsAnErrorThatSaysWhereToNameOne() {
    ValidationReport report =
        validateService(WITHOUT_CLASS, ClusterFacts.emptyCluster().withSnapshotApi(classes("csi")));
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.storage[0].snapshotBeforeUpgrade");
              assertThat(error.message())
                  .contains(
                      "none is named",
                      "volumeSnapshotClassName in the stack's defaults",
                      "snapshot.storage.kubernetes.io/is-default-class");
            });
  }

  @Test
  void theStackDefaultClassCountsAndIsBlamedWhenItDoesNotExist() {
    ServiceStack stack = stackWithSnapshotClass("csi");
    MediaService service =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        stack: home
        storage:
          - {name: config, mountPath: /config, size: 2Gi, snapshotBeforeUpgrade: true}
        """);
    assertThat(
            validateService(
                    service,
                    ClusterFacts.emptyCluster().withStack(stack).withSnapshotApi(classes("csi")))
                .errors())
        .isEmpty();
    ValidationReport missing =
        validateService(
            service,
            ClusterFacts.emptyCluster().withStack(stack).withSnapshotApi(classes("other")));
    assertThat(missing.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("spec.storage[0].snapshotBeforeUpgrade");
              assertThat(error.message())
                  .contains(
                      "VolumeSnapshotClass csi",
                      "ServiceStack home spec.base.volumeSnapshotClassName");
            });
  }

  @Test
  void nothingIsCheckedWhenTheApiWasNotLookedAtOrNoVolumeAsks() {
    assertThat(validateService(WITH_CLASS, ClusterFacts.emptyCluster()).errors()).isEmpty();
    MediaService plain =
        Specs.media(
            "sonarr",
            Specs.MINIMAL
                + """
        storage: [{name: config, mountPath: /config, size: 2Gi}]
        """);
    assertThat(
            validateService(plain, ClusterFacts.emptyCluster().withSnapshotApi(Optional.empty()))
                .errors())
        .isEmpty();
  }

  /** Classes of one driver, none marked default. */
  private static Optional<List<SnapshotClassInfo>> classes(String... names) {
    return Optional.of(
        Arrays.stream(names).map(n -> new SnapshotClassInfo(n, "csi.example.com", false)).toList());
  }

  private static ServiceStack stackWithSnapshotClass(String snapshotClass) {
    ServiceStack stack = new ServiceStack();
    stack.setMetadata(new ObjectMetaBuilder().withName("home").withNamespace("media").build());
    ServiceStackSpec spec = new ServiceStackSpec();
    ServiceDefaults base = new ServiceDefaults();
    base.setVolumeSnapshotClassName(snapshotClass);
    spec.setBase(base);
    stack.setSpec(spec);
    return stack;
  }
}
