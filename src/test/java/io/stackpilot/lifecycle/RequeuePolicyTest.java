package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.datasafety.SnapshotGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequeuePolicyTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  @Test
  void aServiceAtRestWaitsForEventsAlone() {
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.empty(), Optional.empty(), Optional.empty(), false))
        .isEmpty();
  }

  @Test
  void aTimerIsLookedAtJustAfterItRunsOut() {
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.of(NOW.plusSeconds(10)), Optional.empty(), Optional.empty(), false))
        .contains(Duration.ofMillis(10_050));
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.empty(), Optional.of(NOW.plusSeconds(600)), Optional.empty(), false))
        .contains(Duration.ofMillis(600_050));
  }

  @Test
  void recoverysTimerComesBeforeTheRollouts() {
    assertThat(
            RequeuePolicy.lookAgain(
                NOW,
                Optional.of(NOW.plusSeconds(5)),
                Optional.of(NOW.plusSeconds(1)),
                Optional.empty(),
                false))
        .contains(Duration.ofMillis(5_050));
  }

  @Test
  void aTimerThatRanOutLongAgoIsNoReasonToLookAgainButAWaitIs() {
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.of(NOW.minusSeconds(5)), Optional.empty(), Optional.empty(), false))
        .isEmpty();
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.of(NOW.minusSeconds(5)), Optional.empty(), Optional.empty(), true))
        .contains(Duration.ofSeconds(3));
  }

  @Test
  void aWaitForAnotherServiceIsLookedAtEveryFewSeconds() {
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.empty(), Optional.empty(), Optional.empty(), true))
        .contains(Duration.ofSeconds(3));
  }

  @Test
  void snapshotsComeFirstAndABlockedUpgradeIsLookedAtNowAndThen() {
    SnapshotGate waiting =
        new SnapshotGate(
            SnapshotGate.Step.WAIT, List.of(), "waiting", Optional.of(NOW.plusSeconds(2)));
    SnapshotGate blocked =
        new SnapshotGate(SnapshotGate.Step.BLOCKED, List.of(), "failed", Optional.empty());

    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.of(NOW.plusSeconds(1)), Optional.empty(), Optional.of(waiting), true))
        .contains(Duration.ofMillis(2_050));
    assertThat(
            RequeuePolicy.lookAgain(
                NOW, Optional.empty(), Optional.empty(), Optional.of(blocked), false))
        .contains(Duration.ofSeconds(30));
  }
}
