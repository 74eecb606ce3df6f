package io.stackpilot.lifecycle;

import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.config.RolloutStageSettings;
import io.stackpilot.lifecycle.RolloutState.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The staged rollout of a beta revision: stage by stage, each held until beta has been healthy for
 * the stage's soak time; a failure at any stage falls back to stable and quarantines the beta
 * revision. After the last stage beta is promoted, at once or when the user annotates
 * stackpilot.io/promote. Pause holds the current stage; abort falls back to stable without blaming
 * beta. Pure: decided from the input alone, so a restarted operator continues the same rollout.
 */
public final class BetaRolloutDecider {

  private BetaRolloutDecider() {}

  public static RolloutPlan decide(RolloutInput in) {
    List<QuarantinedRevision> quarantine = new ArrayList<>(in.quarantine());
    List<Notice> notices = new ArrayList<>();
    Optional<RolloutState> previous =
        in.previous()
            .flatMap(RolloutState::from)
            .filter(p -> in.betaRevision().equals(p.revision()));
    Instant now = in.now();

    if (quarantine.stream().anyMatch(q -> in.betaRevision().equals(q.getRevision()))) {
      RolloutState failed =
          previous
              .orElseGet(() -> fresh(in, 0, now))
              .fallenBack(
                  State.FAILED,
                  "Beta revision "
                      + in.betaRevision()
                      + " failed and is quarantined; stable serves");
      return stable(in, failed, quarantine, notices);
    }
    if (previous.isEmpty()) {
      notices.add(Notice.normal("BetaStageStarted", stageMessage(in, 0)));
    }
    RolloutState state = previous.orElseGet(() -> fresh(in, 0, now));

    if (in.abortRequested()) {
      if (!state.is(State.ABORTED)) {
        notices.add(
            Notice.normal(
                "BetaAborted",
                "The rollout of beta revision "
                    + in.betaRevision()
                    + " was aborted by the annotation stackpilot.io/abort; stable serves"));
      }
      RolloutState aborted =
          new RolloutState(
              State.ABORTED,
              state.revision(),
              state.stage(),
              state.percent(),
              0,
              state.stageStartedAt(),
              Optional.empty(),
              state.failingSince(),
              "Aborted; remove the annotation stackpilot.io/abort to roll beta out again");
      return stable(in, aborted, quarantine, notices);
    }
    if (state.is(State.ABORTED)) {
      // The abort annotation is gone: start over from the first stage.
      notices.add(Notice.normal("BetaStageStarted", stageMessage(in, 0)));
      state = fresh(in, 0, now);
    }
    if (state.is(State.PROMOTED)) {
      return plan(in, true, in.replicas(), 0, state, quarantine, notices, Optional.empty());
    }

    int stage = stageIndex(in, state);
    if (in.betaHealth().isUnhealthy()) {
      Instant since = state.failingSince().orElse(now);
      Instant windowEnds = since.plus(in.failureWindow());
      if (!now.isBefore(windowEnds)) {
        QuarantinedRevision entry = new QuarantinedRevision();
        entry.setRevision(in.betaRevision());
        entry.setImage(in.betaImage());
        entry.setReason(in.betaHealth().reason());
        entry.setSince(now.toString());
        quarantine.add(0, entry);
        notices.add(
            Notice.warning(
                "BetaFailed",
                "Beta revision "
                    + in.betaRevision()
                    + " ("
                    + in.betaImage()
                    + ") failed at stage "
                    + state.stage()
                    + ": "
                    + in.betaHealth().message()
                    + "; fell back to stable and quarantined it",
                AlertEvent.BETA_FAILED));
        return stable(
            in,
            state.fallenBack(
                State.FAILED,
                "Beta failed at stage "
                    + state.stage()
                    + " ("
                    + in.betaHealth().reason()
                    + "); stable serves"),
            quarantine,
            notices);
      }
      RolloutState failing =
          state
              .failingSince(Optional.of(since))
              .saying(
                  "Beta is unhealthy ("
                      + in.betaHealth().reason()
                      + ") at stage "
                      + state.stage()
                      + "; falling back at "
                      + windowEnds
                      + " unless it recovers");
      return atStage(in, stage, failing, quarantine, notices, Optional.of(windowEnds));
    }
    state = state.failingSince(Optional.empty());

    if (in.pauseRequested()) {
      if (!state.is(State.PAUSED)) {
        notices.add(
            Notice.normal(
                "BetaPaused",
                "The rollout holds at stage "
                    + state.stage()
                    + " (annotation stackpilot.io/pause)"));
      }
      RolloutState paused =
          state.in(
              State.PAUSED,
              "Paused at stage " + state.stage() + "; remove stackpilot.io/pause to go on");
      return atStage(in, stage, paused, quarantine, notices, Optional.empty());
    }
    if (state.is(State.PAUSED)) {
      state = state.in(State.PROGRESSING, state.message());
    }

    Instant soakEnds = state.stageStartedAt().plus(in.stages().get(stage).soak());
    boolean soaked = in.betaHealth().isHealthy() && !now.isBefore(soakEnds);
    if (!soaked) {
      RolloutState soaking =
          state.saying(
              in.betaHealth().isHealthy()
                  ? "Soaking stage " + state.stage() + " until " + soakEnds
                  : "Waiting for beta pods to become ready at stage " + state.stage());
      return atStage(
          in,
          stage,
          soaking,
          quarantine,
          notices,
          in.betaHealth().isHealthy() ? Optional.of(soakEnds) : Optional.empty());
    }
    if (stage + 1 < in.stages().size()) {
      notices.add(Notice.normal("BetaStageStarted", stageMessage(in, stage + 1)));
      return atStage(
          in,
          stage + 1,
          fresh(in, stage + 1, now),
          quarantine,
          notices,
          Optional.of(now.plus(in.stages().get(stage + 1).soak())));
    }
    boolean promote =
        in.promotion() == PromotionPolicy.AUTOMATIC
            || in.promoteRequest()
                .filter(p -> p.equals(in.betaRevision()) || p.equals("true"))
                .isPresent();
    if (!promote) {
      if (!state.is(State.WAITING_FOR_PROMOTION)) {
        notices.add(
            Notice.normal(
                "BetaWaitingForPromotion",
                "Beta revision "
                    + in.betaRevision()
                    + " passed every stage; annotate stackpilot.io/promote="
                    + in.betaRevision()
                    + " to make it live"));
      }
      RolloutState waiting =
          state
              .soakDone()
              .in(
                  State.WAITING_FOR_PROMOTION,
                  "Every stage passed; waiting for stackpilot.io/promote=" + in.betaRevision());
      return atStage(in, stage, waiting, quarantine, notices, Optional.empty());
    }
    notices.add(
        new Notice(
            "BetaPromoted",
            "Beta revision "
                + in.betaRevision()
                + " ("
                + in.betaImage()
                + ") passed every stage and is live",
            false,
            Optional.of(AlertEvent.PROMOTED),
            Optional.empty()));
    return plan(
        in,
        true,
        in.replicas(),
        0,
        state.live(in.replicas(), "Beta is live"),
        quarantine,
        notices,
        Optional.empty());
  }

  /** Pods on beta at a stage: the stage's share of the replicas, at least one. */
  static int betaPods(int replicas, int percent) {
    return Math.max(1, Math.min(replicas, (int) Math.round(replicas * percent / 100.0)));
  }

  private static RolloutPlan atStage(
      RolloutInput in,
      int stage,
      RolloutState state,
      List<QuarantinedRevision> quarantine,
      List<Notice> notices,
      Optional<Instant> wakeAt) {
    if (in.mode() == RolloutMode.SWAP) {
      return plan(
          in, true, in.replicas(), 0, state.onPods(in.replicas()), quarantine, notices, wakeAt);
    }
    int beta = betaPods(in.replicas(), in.stages().get(stage).percent());
    return plan(
        in, false, in.replicas() - beta, beta, state.onPods(beta), quarantine, notices, wakeAt);
  }

  private static RolloutPlan stable(
      RolloutInput in,
      RolloutState state,
      List<QuarantinedRevision> quarantine,
      List<Notice> notices) {
    return plan(in, false, in.replicas(), 0, state, quarantine, notices, Optional.empty());
  }

  private static RolloutPlan plan(
      RolloutInput in,
      boolean betaOnMain,
      int main,
      int canary,
      RolloutState state,
      List<QuarantinedRevision> quarantine,
      List<Notice> notices,
      Optional<Instant> wakeAt) {
    return new RolloutPlan(
        betaOnMain, main, canary, state, List.copyOf(quarantine), List.copyOf(notices), wakeAt);
  }

  private static int stageIndex(RolloutInput in, RolloutState state) {
    for (int i = 0; i < in.stages().size(); i++) {
      if (in.stages().get(i).name().equals(state.stage())) {
        return i;
      }
    }
    return 0;
  }

  private static RolloutState fresh(RolloutInput in, int stage, Instant now) {
    RolloutStageSettings settings = in.stages().get(stage);
    return new RolloutState(
        State.PROGRESSING,
        in.betaRevision(),
        settings.name(),
        in.mode() == RolloutMode.SWAP ? 100 : settings.percent(),
        0,
        now,
        Optional.of(now.plus(settings.soak())),
        Optional.empty(),
        stageMessage(in, stage));
  }

  private static String stageMessage(RolloutInput in, int stage) {
    RolloutStageSettings settings = in.stages().get(stage);
    String share =
        in.mode() == RolloutMode.SWAP
            ? "all pods (swapped, never two on one volume)"
            : betaPods(in.replicas(), settings.percent()) + " of " + in.replicas() + " pods";
    return "Stage "
        + settings.name()
        + ": beta revision "
        + in.betaRevision()
        + " on "
        + share
        + ", soaking "
        + settings.soak().toSeconds()
        + " s";
  }
}
