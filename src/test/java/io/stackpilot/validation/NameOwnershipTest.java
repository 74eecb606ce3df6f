package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameOwnershipTest {

  private static OwnerReference reference(
      String kind, String name, String uid, Boolean controller) {
    return new OwnerReferenceBuilder()
        .withApiVersion("stackpilot.io/v1alpha1")
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(controller)
        .build();
  }

  @Test
  void anObjectThatDoesNotExistYetIsFree() {
    assertThat(NameOwnership.check("Deployment", "grafana", "uid-1", List.of())).isEmpty();
  }

  @Test
  void anObjectTheServiceAlreadyControlsIsItsOwn() {
    assertThat(
            NameOwnership.check(
                "Deployment",
                "grafana",
                "uid-1",
                List.of(reference("MonitoringService", "grafana", "uid-1", true))))
        .isEmpty();
  }

  @Test
  void anObjectAnotherServiceControlsIsTakenAndTheFindingNamesTheOwnerAndTheWayOut() {
    var finding =
        NameOwnership.check(
            "Deployment",
            "grafana",
            "uid-1",
            List.of(reference("MediaService", "grafana", "uid-2", true)));

    assertThat(finding)
        .hasValueSatisfying(
            f -> {
              assertThat(f.field()).isEqualTo("metadata.name");
              assertThat(f.message())
                  .contains("Deployment grafana", "MediaService grafana", "uid-2", "rename one");
            });
  }

  @Test
  void anEarlierServiceOfTheSameKindAndNameStillControllingItsObjectIsAnotherOwner() {
    // A service deleted and created again: the garbage collector has not removed the old Deployment
    // yet.
    assertThat(
            NameOwnership.check(
                "Deployment",
                "grafana",
                "uid-new",
                List.of(reference("MonitoringService", "grafana", "uid-old", true))))
        .isPresent();
  }

  @Test
  void ownersThatDoNotControlTheObjectDoNotTakeIt() {
    assertThat(
            NameOwnership.check(
                "Deployment",
                "grafana",
                "uid-1",
                List.of(
                    reference("ConfigMap", "grafana", "uid-2", false),
                    reference("ConfigMap", "x", "uid-3", null))))
        .isEmpty();
  }
}
