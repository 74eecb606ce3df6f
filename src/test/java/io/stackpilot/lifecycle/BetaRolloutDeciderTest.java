package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.config.RolloutStageSettings;
import io.stackpilot.health.HealthAssessment;
import io.stackpilot.health.HealthVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The staged rollout of beta, step by step on a fake clock, each step fed the status the last one
 * recorded.
 */
class BetaRolloutDeciderTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final List<RolloutStageSettings> STAGES =
      List.of(
          new RolloutStageSettings("limited", 10, Duration.ofMinutes(10)),
          new RolloutStageSettings("extended", 50, Duration.ofMinutes(30)));
  private static final HealthAssessment HEALTHY = HealthAssessment.healthy("all ready");
  private static final HealthAssessment CRASHING =
      new HealthAssessment(
          HealthVerdict.UNHEALTHY, "CrashLoopBackOff", "beta pod crashes", List.of("p"));

  /** A rollout under way: what the last step recorded, and the knobs a user turns. */
  private static final class Rollout {
    Optional<RolloutStatus> recorded = Optional.empty();
    List<QuarantinedRevision> quarantine = List.of();
    PromotionPolicy promotion = PromotionPolicy.AUTOMATIC;
    RolloutMode mode = RolloutMode.CANARY;
    boolean pause;
    boolean abort;
    Optional<String> promote = Optional.empty();

    RolloutPlan step(HealthAssessment health, Instant now) {
      RolloutPlan plan =
          BetaRolloutDecider.decide(
              new RolloutInput(
                  "rev-b",
                  "app:2-beta",
                  STAGES,
                  promotion,
                  10,
                  mode,
                  health,
                  Duration.ofMinutes(2),
                  recorded,
                  quarantine,
                  pause,
                  abort,
                  promote,
                  now));
      recorded = Optional.of(plan.status());
      quarantine = plan.quarantine();
      return plan;
    }
  }

  @Test
  void eachStageRunsItsShareOfPodsUntilItHasSoakedThenBetaGoesLive() {
    Rollout rollout = new Rollout();

    RolloutPlan first = rollout.step(HEALTHY, T0);
    assertThat(first.canaryReplicas()).isEqualTo(1);
    assertThat(first.mainReplicas()).isEqualTo(9);
    assertThat(first.status().getStage()).isEqualTo("limited");
    assertThat(first.wakeAt()).contains(T0.plus(Duration.ofMinutes(10)));
    assertThat(first.notices()).extracting(Notice::reason).containsExactly("BetaStageStarted");
    assertThat(first.recordFirst()).isTrue();

    RolloutPlan soaking = rollout.step(HEALTHY, T0.plusSeconds(60));
    assertThat(soaking.notices()).isEmpty();
    assertThat(soaking.status().getMessage()).startsWith("Soaking stage limited");

    RolloutPlan second = rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(10)));
    assertThat(second.status().getStage()).isEqualTo("extended");
    assertThat(second.canaryReplicas()).isEqualTo(5);

    RolloutPlan live = rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(40)));
    assertThat(live.promoted()).isTrue();
    assertThat(live.betaOnMain()).isTrue();
    assertThat(live.mainReplicas()).isEqualTo(10);
    assertThat(live.canaryReplicas()).isZero();
    assertThat(live.status().getPercent()).isEqualTo(100);
    assertThat(live.notices()).extracting(Notice::reason).containsExactly("BetaPromoted");
  }

  @Test
  void betaUnhealthyForTheFailureWindowFallsBackAndIsQuarantined() {
    Rollout rollout = new Rollout();
    rollout.step(HEALTHY, T0);

    RolloutPlan failing = rollout.step(CRASHING, T0.plusSeconds(30));
    assertThat(failing.fellBack()).isFalse();
    assertThat(failing.wakeAt()).contains(T0.plusSeconds(150));
    assertThat(failing.status().getFailingSince()).isEqualTo(T0.plusSeconds(30).toString());

    RolloutPlan failed = rollout.step(CRASHING, T0.plusSeconds(150));
    assertThat(failed.fellBack()).isTrue();
    assertThat(failed.canaryReplicas()).isZero();
    assertThat(failed.mainReplicas()).isEqualTo(10);
    assertThat(failed.quarantine())
        .extracting(QuarantinedRevision::getRevision)
        .containsExactly("rev-b");
    assertThat(failed.notices()).extracting(Notice::reason).containsExactly("BetaFailed");
    assertThat(failed.status().getState()).isEqualTo("Failed");

    RolloutPlan after = rollout.step(HEALTHY, T0.plusSeconds(200));
    assertThat(after.fellBack()).as("a quarantined revision stays on stable").isTrue();
    assertThat(after.notices()).isEmpty();
  }

  @Test
  void betaThatRecoversWithinTheWindowCarriesOn() {
    Rollout rollout = new Rollout();
    rollout.step(HEALTHY, T0);
    rollout.step(CRASHING, T0.plusSeconds(30));

    RolloutPlan recovered = rollout.step(HEALTHY, T0.plusSeconds(60));

    assertThat(recovered.fellBack()).isFalse();
    assertThat(recovered.status().getFailingSince()).isNull();
    assertThat(recovered.canaryReplicas()).isEqualTo(1);
  }

  @Test
  void pauseHoldsTheStageAndResumingGoesOn() {
    Rollout rollout = new Rollout();
    rollout.step(HEALTHY, T0);
    rollout.pause = true;

    RolloutPlan paused = rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(20)));
    assertThat(paused.status().getState()).isEqualTo("Paused");
    assertThat(paused.status().getStage()).isEqualTo("limited");
    assertThat(paused.notices()).extracting(Notice::reason).containsExactly("BetaPaused");
    assertThat(rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(21))).notices())
        .as("told once")
        .isEmpty();

    rollout.pause = false;
    RolloutPlan resumed = rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(22)));
    assertThat(resumed.status().getStage()).isEqualTo("extended");
    assertThat(resumed.status().getState()).isEqualTo("Progressing");
  }

  @Test
  void abortReturnsToStableWithoutBlamingBetaAndStartsOverWhenLifted() {
    Rollout rollout = new Rollout();
    rollout.step(HEALTHY, T0);
    rollout.abort = true;

    RolloutPlan aborted = rollout.step(HEALTHY, T0.plusSeconds(60));
    assertThat(aborted.fellBack()).isTrue();
    assertThat(aborted.quarantine()).isEmpty();
    assertThat(aborted.canaryReplicas()).isZero();
    assertThat(aborted.notices()).extracting(Notice::reason).containsExactly("BetaAborted");

    rollout.abort = false;
    RolloutPlan again = rollout.step(HEALTHY, T0.plusSeconds(120));
    assertThat(again.status().getStage()).isEqualTo("limited");
    assertThat(again.status().getStageStartedAt()).isEqualTo(T0.plusSeconds(120).toString());
    assertThat(again.notices()).extracting(Notice::reason).containsExactly("BetaStageStarted");
  }

  @Test
  void manualPromotionWaitsForTheAnnotationNamingTheRevision() {
    Rollout rollout = new Rollout();
    rollout.promotion = PromotionPolicy.MANUAL;
    rollout.step(HEALTHY, T0);
    rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(10)));

    RolloutPlan waiting = rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(40)));
    assertThat(waiting.promoted()).isFalse();
    assertThat(waiting.status().getState()).isEqualTo("WaitingForPromotion");
    assertThat(waiting.status().getStageEndsAt()).isNull();
    assertThat(waiting.notices())
        .extracting(Notice::reason)
        .containsExactly("BetaWaitingForPromotion");

    rollout.promote = Optional.of("rev-other");
    assertThat(rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(41))).promoted()).isFalse();
    rollout.promote = Optional.of("rev-b");
    assertThat(rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(42))).promoted()).isTrue();
  }

  @Test
  void aSingleWriterSwapsEveryPodToBeta() {
    Rollout rollout = new Rollout();
    rollout.mode = RolloutMode.SWAP;

    RolloutPlan swapped = rollout.step(HEALTHY, T0);

    assertThat(swapped.betaOnMain()).isTrue();
    assertThat(swapped.canaryReplicas()).isZero();
    assertThat(swapped.status().getPercent()).isEqualTo(100);
    assertThat(swapped.status().getBetaPods()).isEqualTo(10);
  }

  @Test
  void aStatusOfAnotherRevisionStartsANewRollout() {
    Rollout rollout = new Rollout();
    rollout.step(HEALTHY, T0);
    rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(10)));
    RolloutStatus older = rollout.recorded.orElseThrow();
    older.setRevision("rev-a");
    rollout.recorded = Optional.of(older);

    RolloutPlan fresh = rollout.step(HEALTHY, T0.plus(Duration.ofMinutes(11)));

    assertThat(fresh.status().getStage()).isEqualTo("limited");
    assertThat(fresh.notices()).extracting(Notice::reason).containsExactly("BetaStageStarted");
  }
}
