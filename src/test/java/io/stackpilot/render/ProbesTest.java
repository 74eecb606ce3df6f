package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.HealthSpec;
import io.stackpilot.api.HttpCheck;
import io.stackpilot.api.LivenessCheck;
import io.stackpilot.api.RecoverySpec;
import io.stackpilot.api.StartupCheck;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The three probes of a service's one check: a startup probe with a generous budget, then
 * readiness, then liveness (optional); the rollout's deadline leaves room for the startup budget.
 */
class ProbesTest {

  @Test
  void byDefaultTheAppGetsAnHourToStartAndTheDeadlineWaitsForIt() {
    Deployment deployment = render(health -> {}).deployment();
    Container container = container(deployment);

    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health");
    assertThat(container.getStartupProbe().getPeriodSeconds()).isEqualTo(10);
    assertThat(container.getStartupProbe().getFailureThreshold()).isEqualTo(360);
    assertThat(container.getReadinessProbe().getFailureThreshold()).isEqualTo(3);
    assertThat(container.getLivenessProbe().getFailureThreshold()).isEqualTo(6);
    assertThat(deployment.getSpec().getProgressDeadlineSeconds())
        .as("the 5m progress deadline after the 1h startup budget")
        .isEqualTo(300 + 3600);
  }

  @Test
  void aStartupTimeoutIsRoundedUpToWholePeriods() {
    Deployment deployment =
        render(
                health -> {
                  StartupCheck startup = new StartupCheck();
                  startup.setTimeout("25s");
                  startup.setPeriodSeconds(10);
                  health.setStartup(startup);
                })
            .deployment();

    assertThat(container(deployment).getStartupProbe().getFailureThreshold()).isEqualTo(3);
    assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(300 + 30);
  }

  @Test
  void livenessCanBeTurnedOffOrGivenItsOwnThreshold() {
    Container off =
        container(render(health -> health.setLiveness(liveness(false, null))).deployment());
    Container own =
        container(render(health -> health.setLiveness(liveness(null, 10))).deployment());

    assertThat(off.getLivenessProbe()).isNull();
    assertThat(off.getReadinessProbe()).isNotNull();
    assertThat(off.getStartupProbe()).isNotNull();
    assertThat(own.getLivenessProbe().getFailureThreshold()).isEqualTo(10);
    assertThat(own.getReadinessProbe().getFailureThreshold()).isEqualTo(3);
  }

  @Test
  void withoutACheckThereIsNoProbeAndTheDeadlineIsTheProgressDeadline() {
    Deployment deployment =
        ServiceRendererTest.render(spec -> spec.setRecovery(progressDeadline("2m"))).deployment();
    Container container = container(deployment);

    assertThat(container.getStartupProbe()).isNull();
    assertThat(container.getReadinessProbe()).isNull();
    assertThat(container.getLivenessProbe()).isNull();
    assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(120);
  }

  private static RenderedService render(Consumer<HealthSpec> customize) {
    return ServiceRendererTest.render(
        spec -> {
          HealthSpec health = new HealthSpec();
          HttpCheck http = new HttpCheck();
          http.setPath("/health");
          http.setPort("http");
          health.setHttp(http);
          customize.accept(health);
          spec.setHealth(health);
        });
  }

  private static LivenessCheck liveness(Boolean enabled, Integer failureThreshold) {
    LivenessCheck liveness = new LivenessCheck();
    liveness.setEnabled(enabled);
    liveness.setFailureThreshold(failureThreshold);
    return liveness;
  }

  private static RecoverySpec progressDeadline(String value) {
    RecoverySpec recovery = new RecoverySpec();
    recovery.setProgressDeadline(value);
    return recovery;
  }

  private static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
