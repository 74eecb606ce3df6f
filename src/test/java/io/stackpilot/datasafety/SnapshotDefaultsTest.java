package io.stackpilot.datasafety;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.StorageSpec;
import io.stackpilot.config.Layer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotDefaultsTest {

  private static final String HOSTPATH = "hostpath.csi.k8s.io";
  private static final String LOCAL = "rancher.io/local-path";
  private static final Optional<List<SnapshotClassInfo>> CLASSES =
      Optional.of(
          List.of(
              new SnapshotClassInfo("hostpath-snapshots", HOSTPATH, true),
              new SnapshotClassInfo("hostpath-slow", HOSTPATH, false),
              new SnapshotClassInfo("other-default", "other.csi.example.com", true)));

  @Test
  void unsetIsOnWithTheDefaultClassOfTheClaimsDriverAndSaysHowToTurnItOff() {
    SnapshotChoice choice =
        SnapshotDefaults.choose(
            volume(null, null), Optional.empty(), Optional.of(HOSTPATH), CLASSES);
    assertThat(choice.on()).as(choice.why()).isTrue();
    assertThat(choice.snapshotClass()).contains("hostpath-snapshots");
    assertThat(choice.why())
        .contains("the cluster's default for driver " + HOSTPATH, "snapshotBeforeUpgrade: false");
  }

  @Test
  void unsetIsOffWhenTheDriverHasNoDefaultClassAndSaysHowToTurnItOn() {
    SnapshotChoice choice =
        SnapshotDefaults.choose(volume(null, null), Optional.empty(), Optional.of(LOCAL), CLASSES);
    assertThat(choice.on()).as(choice.why()).isFalse();
    assertThat(choice.why())
        .contains(
            "no VolumeSnapshotClass is marked default for driver " + LOCAL,
            SnapshotClassInfo.DEFAULT_ANNOTATION,
            "snapshotBeforeUpgrade: true");
  }

  @Test
  void unsetIsOffWithoutTheSnapshotApiOrBeforeTheClaimHasADriver() {
    SnapshotChoice noApi =
        SnapshotDefaults.choose(
            volume(null, null), Optional.empty(), Optional.of(HOSTPATH), Optional.empty());
    assertThat(noApi.on()).isFalse();
    assertThat(noApi.why()).contains("no snapshot API");
    SnapshotChoice unprovisioned =
        SnapshotDefaults.choose(volume(null, null), Optional.empty(), Optional.empty(), CLASSES);
    assertThat(unprovisioned.on()).isFalse();
    assertThat(unprovisioned.why()).contains("until the claim is provisioned");
  }

  @Test
  void falseIsOffWhateverTheClusterOffers() {
    SnapshotChoice choice =
        SnapshotDefaults.choose(
            volume(false, "hostpath-slow"),
            Optional.of(Layer.SERVICE),
            Optional.of(HOSTPATH),
            CLASSES);
    assertThat(choice.on()).isFalse();
    assertThat(choice.why()).contains("snapshotBeforeUpgrade is false");
  }

  @Test
  void aClassTheVolumeNamesWinsOverTheDriversDefault() {
    SnapshotChoice choice =
        SnapshotDefaults.choose(
            volume(null, "hostpath-slow"),
            Optional.of(Layer.SERVICE),
            Optional.of(HOSTPATH),
            CLASSES);
    assertThat(choice.on()).isTrue();
    assertThat(choice.snapshotClass()).contains("hostpath-slow");
    assertThat(choice.why()).contains("named by the service spec");
  }

  @Test
  void theStacksClassIsTakenByDefaultOnlyForItsOwnDriver() {
    SnapshotChoice sameDriver =
        SnapshotDefaults.choose(
            volume(null, "hostpath-slow"),
            Optional.of(Layer.STACK_BASE),
            Optional.of(HOSTPATH),
            CLASSES);
    assertThat(sameDriver.snapshotClass()).contains("hostpath-slow");
    assertThat(sameDriver.why()).contains("named by the stack base");
    SnapshotChoice otherDriver =
        SnapshotDefaults.choose(
            volume(null, "hostpath-slow"),
            Optional.of(Layer.STACK_BASE),
            Optional.of("other.csi.example.com"),
            CLASSES);
    assertThat(otherDriver.snapshotClass()).contains("other-default");
  }

  @Test
  void trueTakesTheStacksClassWhateverTheDriverAndElseTheDriversDefault() {
    assertThat(
            SnapshotDefaults.choose(
                    volume(true, "hostpath-slow"),
                    Optional.of(Layer.STACK_CATEGORY),
                    Optional.of("other.csi.example.com"),
                    CLASSES)
                .snapshotClass())
        .contains("hostpath-slow");
    SnapshotChoice byDriver =
        SnapshotDefaults.choose(
            volume(true, null), Optional.empty(), Optional.of(HOSTPATH), CLASSES);
    assertThat(byDriver.snapshotClass()).contains("hostpath-snapshots");
    assertThat(byDriver.why()).doesNotContain("snapshotBeforeUpgrade: false");
  }

  @Test
  void trueStaysOnWithoutAClassAndSaysWhatIsMissing() {
    SnapshotChoice noDefault =
        SnapshotDefaults.choose(volume(true, null), Optional.empty(), Optional.of(LOCAL), CLASSES);
    assertThat(noDefault.on()).isTrue();
    assertThat(noDefault.snapshotClass()).isEmpty();
    assertThat(noDefault.why()).contains("no VolumeSnapshotClass is marked default", "name one");
    SnapshotChoice unknownDriver =
        SnapshotDefaults.choose(volume(true, null), Optional.empty(), Optional.empty(), CLASSES);
    assertThat(unknownDriver.on()).isTrue();
    assertThat(unknownDriver.snapshotClass()).isEmpty();
  }

  @Test
  void twoDefaultsForOneDriverChooseNeither() {
    Optional<List<SnapshotClassInfo>> twoDefaults =
        Optional.of(
            List.of(
                new SnapshotClassInfo("b", HOSTPATH, true),
                new SnapshotClassInfo("a", HOSTPATH, true)));
    SnapshotChoice choice =
        SnapshotDefaults.choose(
            volume(null, null), Optional.empty(), Optional.of(HOSTPATH), twoDefaults);
    assertThat(choice.on()).isFalse();
    assertThat(choice.why()).contains("2 VolumeSnapshotClasses are marked default", "(a, b)");
  }

  @Test
  void theDriverIsReadFromEitherProvisionerAnnotation() {
    assertThat(
            SnapshotEnvironment.driverFrom(
                Map.of(SnapshotEnvironment.PROVISIONER_ANNOTATION, HOSTPATH)))
        .contains(HOSTPATH);
    assertThat(
            SnapshotEnvironment.driverFrom(
                Map.of(SnapshotEnvironment.BETA_PROVISIONER_ANNOTATION, LOCAL)))
        .contains(LOCAL);
    assertThat(SnapshotEnvironment.driverFrom(null)).isEmpty();
  }

  private static StorageSpec volume(Boolean snapshotBeforeUpgrade, String snapshotClass) {
    StorageSpec volume = new StorageSpec();
    volume.setName("config");
    volume.setMountPath("/config");
    volume.setSize("1Gi");
    volume.setSnapshotBeforeUpgrade(snapshotBeforeUpgrade);
    volume.setVolumeSnapshotClassName(snapshotClass);
    return volume;
  }
}
