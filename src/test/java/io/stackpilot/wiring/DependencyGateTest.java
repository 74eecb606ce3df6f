package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.dependency;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.Dependency;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.validation.ServiceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyGateTest {

  private static final Dependency PROWLARR = dependency(ServiceKind.MEDIA_SERVICE, "prowlarr");
  private static final Dependency AUTHELIA = dependency(ServiceKind.SECURITY_SERVICE, "authelia");
  private static final ServiceRef PROWLARR_REF = ServiceRef.of(PROWLARR);
  private static final ServiceRef AUTHELIA_REF = ServiceRef.of(AUTHELIA);

  @Test
  void aServiceWithoutDependenciesRollsOut() {
    DependencyGateResult absent = DependencyGate.evaluate(null, Map.of());
    DependencyGateResult empty = DependencyGate.evaluate(List.of(), Map.of());

    assertThat(absent.mayRollOut()).isTrue();
    assertThat(absent.reconcilingMessage()).isEmpty();
    assertThat(empty.mayRollOut()).isTrue();
  }

  @Test
  void readyDependenciesLetANewRevisionRollOut() {
    DependencyGateResult result =
        DependencyGate.evaluate(
            List.of(PROWLARR, AUTHELIA),
            Map.of(PROWLARR_REF, ready(PROWLARR_REF), AUTHELIA_REF, ready(AUTHELIA_REF)));

    assertThat(result.mayRollOut()).isTrue();
    assertThat(result.waitingFor()).isEmpty();
    assertThat(result.reconcilingMessage()).isEmpty();
  }

  @Test
  void aDependencyThatIsNotReadyHoldsTheNewRevision() {
    DependencyGateResult result =
        DependencyGate.evaluate(
            List.of(PROWLARR), Map.of(PROWLARR_REF, notReady(PROWLARR_REF, "Progressing")));

    assertThat(result.mayRollOut()).isFalse();
    assertThat(result.reconcilingMessage())
        .contains("waiting for MediaService/prowlarr (Progressing)");
  }

  @Test
  void theMessageNamesEveryDependencyWaitedForInDependsOnOrder() {
    DependencyGateResult result =
        DependencyGate.evaluate(
            List.of(PROWLARR, AUTHELIA),
            Map.of(PROWLARR_REF, notReady(PROWLARR_REF, "Progressing")));

    assertThat(result.reconcilingMessage())
        .contains(
            "waiting for MediaService/prowlarr (Progressing), SecurityService/authelia (missing)");
    assertThat(
            DependencyGate.evaluate(
                    List.of(AUTHELIA, PROWLARR),
                    Map.of(PROWLARR_REF, notReady(PROWLARR_REF, "Progressing")))
                .reconcilingMessage())
        .contains(
            "waiting for SecurityService/authelia (missing), MediaService/prowlarr (Progressing)");
  }

  @Test
  void readyDependenciesAreLeftOutOfTheMessage() {
    DependencyGateResult result =
        DependencyGate.evaluate(
            List.of(PROWLARR, AUTHELIA),
            Map.of(
                PROWLARR_REF,
                ready(PROWLARR_REF),
                AUTHELIA_REF,
                notReady(AUTHELIA_REF, "Degraded")));

    assertThat(result.waitingFor())
        .extracting(DependencyState::service)
        .containsExactly(AUTHELIA_REF);
    assertThat(result.reconcilingMessage())
        .contains("waiting for SecurityService/authelia (Degraded)");
  }

  @Test
  void aDependencyWithoutAnEntryOrMarkedAbsentIsMissing() {
    DependencyGateResult withoutEntry = DependencyGate.evaluate(List.of(AUTHELIA), Map.of());
    DependencyGateResult markedAbsent =
        DependencyGate.evaluate(
            List.of(AUTHELIA), Map.of(AUTHELIA_REF, DependencyState.missing(AUTHELIA_REF)));

    assertThat(withoutEntry.mayRollOut()).isFalse();
    assertThat(withoutEntry.reconcilingMessage())
        .contains("waiting for SecurityService/authelia (missing)");
    assertThat(markedAbsent.reconcilingMessage()).isEqualTo(withoutEntry.reconcilingMessage());
  }

  @Test
  void aServiceOfAnotherKindWithTheSameNameDoesNotCount() {
    ServiceRef mediaAuthelia = new ServiceRef(ServiceKind.MEDIA_SERVICE, "authelia");

    DependencyGateResult result =
        DependencyGate.evaluate(List.of(AUTHELIA), Map.of(mediaAuthelia, ready(mediaAuthelia)));

    assertThat(result.mayRollOut()).isFalse();
    assertThat(result.reconcilingMessage())
        .contains("waiting for SecurityService/authelia (missing)");
  }

  @Test
  void aDependencyListedTwiceIsNamedOnce() {
    DependencyGateResult result =
        DependencyGate.evaluate(
            List.of(PROWLARR, dependency(ServiceKind.MEDIA_SERVICE, "prowlarr")),
            Map.of(PROWLARR_REF, notReady(PROWLARR_REF, "Pending")));

    assertThat(result.reconcilingMessage()).contains("waiting for MediaService/prowlarr (Pending)");
  }

  @Test
  void aDependencyWithoutAPhaseYetWaitsAsNotReady() {
    DependencyGateResult result =
        DependencyGate.evaluate(
            List.of(PROWLARR),
            Map.of(PROWLARR_REF, new DependencyState(PROWLARR_REF, true, false, Optional.empty())));

    assertThat(result.reconcilingMessage())
        .contains("waiting for MediaService/prowlarr (not Ready)");
  }

  @Test
  void theConditionReasonIsWaitingForDependencies() {
    assertThat(DependencyGateResult.REASON).isEqualTo("WaitingForDependencies");
  }

  private static DependencyState ready(ServiceRef service) {
    return new DependencyState(service, true, true, Optional.of("Healthy"));
  }

  private static DependencyState notReady(ServiceRef service, String phase) {
    return new DependencyState(service, true, false, Optional.of(phase));
  }
}
