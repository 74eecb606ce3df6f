package io.stackpilot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.validation.ServiceRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependencyStateTest {

  private static final ServiceRef PROWLARR = new ServiceRef(ServiceKind.MEDIA_SERVICE, "prowlarr");

  @Test
  void aServiceWithReadyTrueIsReady() {
    DependencyState state =
        DependencyState.observed(prowlarr("Healthy", condition("Ready", "True")));

    assertThat(state).isEqualTo(new DependencyState(PROWLARR, true, true, Optional.of("Healthy")));
    assertThat(state.holdReason()).isEmpty();
  }

  @Test
  void aServiceWithReadyFalseWaitsWithItsPhase() {
    DependencyState state =
        DependencyState.observed(prowlarr("Progressing", condition("Ready", "False")));

    assertThat(state.ready()).isFalse();
    assertThat(state.holdReason()).contains("Progressing");
  }

  @Test
  void onlyTheReadyConditionCountsNotThePhaseNorOtherConditions() {
    DependencyState healthyWithoutReady =
        DependencyState.observed(prowlarr("Healthy", condition("Available", "True")));
    DependencyState readyUnknown =
        DependencyState.observed(prowlarr("Healthy", condition("Ready", "Unknown")));

    assertThat(healthyWithoutReady.ready()).isFalse();
    assertThat(healthyWithoutReady.holdReason()).contains("Healthy");
    assertThat(readyUnknown.ready()).isFalse();
  }

  @Test
  void aServiceWithoutStatusYetWaitsAsNotReady() {
    MediaService fresh = Services.media("prowlarr", spec -> {});

    DependencyState state = DependencyState.observed(fresh);

    assertThat(state).isEqualTo(new DependencyState(PROWLARR, true, false, Optional.empty()));
    assertThat(state.holdReason()).contains("not Ready");
  }

  @Test
  void aBlankPhaseIsNoPhase() {
    assertThat(DependencyState.observed(prowlarr(" ")).phase()).isEmpty();
  }

  @Test
  void aMissingServiceWaitsAsMissing() {
    DependencyState state = DependencyState.missing(PROWLARR);

    assertThat(state).isEqualTo(new DependencyState(PROWLARR, false, false, Optional.empty()));
    assertThat(state.holdReason()).contains("missing");
  }

  @Test
  void aMissingServiceCanBeNeitherReadyNorInAPhase() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DependencyState(PROWLARR, false, true, Optional.empty()))
        .withMessageContaining("MediaService/prowlarr");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new DependencyState(PROWLARR, false, false, Optional.of("Healthy")));
  }

  private static MediaService prowlarr(String phase, Condition... conditions) {
    MediaService service = Services.media("prowlarr", spec -> {});
    ServiceStatus status = new ServiceStatus();
    status.setPhase(phase);
    status.setConditions(List.of(conditions));
    service.setStatus(status);
    return service;
  }

  private static Condition condition(String type, String status) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason("Test").build();
  }
}
