package io.stackpilot.lifecycle;

import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.config.RolloutStageSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The staged rollout of a beta revision: stage by stage, each held until beta has been healthy for the
 * stage's soak time; a failure at any stage falls back to stable and quarantines the beta revision.
 * After the last stage beta is promoted, at once or when the user annotates stackpilot.io/promote.
 * Pause holds the current stage; abort falls back to stable without blaming beta. Pure: decided from
 * the input alone, so a restarted operator continues the same rollout.
 */
public final class BetaRolloutDecider {

  private BetaRolloutDecider() {}

  public static RolloutPlan decide(RolloutInput in) {
    List<QuarantinedRevision> quarantine = new ArrayList<>(in.quarantine());
    List<Notice> notices = new ArrayList<>();
    Optional<RolloutStatus> previous = in.previous()
        .filter(p -> in.betaRevision().equals(p.getRevision()));
    Instant now = in.now();

    if (quarantine.stream().anyMatch(q -> in.betaRevision().equals(q.getRevision()))) {
      RolloutStatus failed = previous.map(BetaRolloutDecider::copy).orElseGet(() -> fresh(in, 0, now));
      failed.setState(RolloutPlan.FAILED);
      failed.setFailingSince(null);
      failed.setStageEndsAt(null);
      failed.setBetaPods(0);
      failed.setMessage("Beta revision " + in.betaRevision() + " failed and is quarantined; stable serves");
      return stable(in, failed, quarantine, notices);
    }
    if (previous.isEmpty()) {
      notices.add(Notice.normal("BetaStageStarted", stageMessage(in, 0)));
    }
    RolloutStatus status = previous.map(BetaRolloutDecider::copy).orElseGet(() -> fresh(in, 0, now));

    if (in.abortRequested()) {
      if (!RolloutPlan.ABORTED.equals(status.getState())) {
        notices.add(Notice.normal("BetaAborted", "The rollout of beta revision " + in.betaRevision()
            + " was aborted by the annotation stackpilot.io/abort; stable serves"));
      }
      status.setState(RolloutPlan.ABORTED);
      status.setBetaPods(0);
      status.setStageEndsAt(null);
      status.setMessage("Aborted; remove the annotation stackpilot.io/abort to roll beta out again");
      return stable(in, status, quarantine, notices);
    }
    if (RolloutPlan.ABORTED.equals(status.getState())) {
      // The abort annotation is gone: start over from the first stage.
      notices.add(Notice.normal("BetaStageStarted", stageMessage(in, 0)));
      status = fresh(in, 0, now);
    }
    if (RolloutPlan.PROMOTED.equals(status.getState())) {
      return plan(in, true, in.replicas(), 0, status, quarantine, notices, Optional.empty());
    }

    int stage = stageIndex(in, status);
    if (in.betaHealth().isUnhealthy()) {
      Instant since = status.getFailingSince() == null ? now : Instant.parse(status.getFailingSince());
      status.setFailingSince(since.toString());
      Instant windowEnds = since.plus(in.failureWindow());
      if (!now.isBefore(windowEnds)) {
        QuarantinedRevision entry = new QuarantinedRevision();
        entry.setRevision(in.betaRevision());
        entry.setImage(in.betaImage());
        entry.setReason(in.betaHealth().reason());
        entry.setSince(now.toString());
        quarantine.add(0, entry);
        notices.add(Notice.warning("BetaFailed", "Beta revision " + in.betaRevision() + " (" + in.betaImage()
            + ") failed at stage " + status.getStage() + ": " + in.betaHealth().message()
            + "; fell back to stable and quarantined it", AlertEvent.BETA_FAILED));
        status.setState(RolloutPlan.FAILED);
        status.setFailingSince(null);
        status.setStageEndsAt(null);
        status.setBetaPods(0);
        status.setMessage("Beta failed at stage " + status.getStage() + " (" + in.betaHealth().reason()
            + "); stable serves");
        return stable(in, status, quarantine, notices);
      }
      status.setMessage("Beta is unhealthy (" + in.betaHealth().reason() + ") at stage " + status.getStage()
          + "; falling back at " + windowEnds + " unless it recovers");
      return atStage(in, stage, status, quarantine, notices, Optional.of(windowEnds));
    }
    status.setFailingSince(null);

    if (in.pauseRequested()) {
      if (!RolloutPlan.PAUSED.equals(status.getState())) {
        notices.add(Notice.normal("BetaPaused", "The rollout holds at stage " + status.getStage()
            + " (annotation stackpilot.io/pause)"));
      }
      status.setState(RolloutPlan.PAUSED);
      status.setMessage("Paused at stage " + status.getStage() + "; remove stackpilot.io/pause to go on");
      return atStage(in, stage, status, quarantine, notices, Optional.empty());
    }
    if (RolloutPlan.PAUSED.equals(status.getState())) {
      status.setState(RolloutPlan.PROGRESSING);
    }

    Instant soakEnds = Instant.parse(status.getStageStartedAt()).plus(in.stages().get(stage).soak());
    boolean soaked = in.betaHealth().isHealthy() && !now.isBefore(soakEnds);
    if (!soaked) {
      status.setMessage(in.betaHealth().isHealthy()
          ? "Soaking stage " + status.getStage() + " until " + soakEnds
          : "Waiting for beta pods to become ready at stage " + status.getStage());
      return atStage(in, stage, status, quarantine, notices, in.betaHealth().isHealthy() ? Optional.of(soakEnds) : Optional.empty());
    }
    if (stage + 1 < in.stages().size()) {
      RolloutStatus next = fresh(in, stage + 1, now);
      notices.add(Notice.normal("BetaStageStarted", stageMessage(in, stage + 1)));
      return atStage(in, stage + 1, next, quarantine, notices, Optional.of(now.plus(in.stages().get(stage + 1).soak())));
    }
    boolean promote = in.promotion() == PromotionPolicy.AUTOMATIC
        || in.promoteRequest().filter(p -> p.equals(in.betaRevision()) || p.equals("true")).isPresent();
    if (!promote) {
      if (!RolloutPlan.WAITING_FOR_PROMOTION.equals(status.getState())) {
        notices.add(Notice.normal("BetaWaitingForPromotion", "Beta revision " + in.betaRevision()
            + " passed every stage; annotate stackpilot.io/promote=" + in.betaRevision() + " to make it live"));
      }
      status.setState(RolloutPlan.WAITING_FOR_PROMOTION);
      status.setStageEndsAt(null);
      status.setMessage("Every stage passed; waiting for stackpilot.io/promote=" + in.betaRevision());
      return atStage(in, stage, status, quarantine, notices, Optional.empty());
    }
    notices.add(new Notice("BetaPromoted", "Beta revision " + in.betaRevision() + " (" + in.betaImage()
        + ") passed every stage and is live", false, Optional.of(AlertEvent.PROMOTED), Optional.empty()));
    status.setState(RolloutPlan.PROMOTED);
    status.setPercent(100);
    status.setBetaPods(in.replicas());
    status.setStageEndsAt(null);
    status.setMessage("Beta is live");
    return plan(in, true, in.replicas(), 0, status, quarantine, notices, Optional.empty());
  }

  /** Pods on beta at a stage: the stage's share of the replicas, at least one. */
  static int betaPods(int replicas, int percent) {
    return Math.max(1, Math.min(replicas, (int) Math.round(replicas * percent / 100.0)));
  }

  private static RolloutPlan atStage(RolloutInput in, int stage, RolloutStatus status, List<QuarantinedRevision> quarantine,
      List<Notice> notices, Optional<Instant> wakeAt) {
    if (in.mode() == RolloutMode.SWAP) {
      status.setBetaPods(in.replicas());
      return plan(in, true, in.replicas(), 0, status, quarantine, notices, wakeAt);
    }
    int beta = betaPods(in.replicas(), in.stages().get(stage).percent());
    status.setBetaPods(beta);
    return plan(in, false, in.replicas() - beta, beta, status, quarantine, notices, wakeAt);
  }

  private static RolloutPlan stable(RolloutInput in, RolloutStatus status, List<QuarantinedRevision> quarantine,
      List<Notice> notices) {
    return plan(in, false, in.replicas(), 0, status, quarantine, notices, Optional.empty());
  }

  private static RolloutPlan plan(RolloutInput in, boolean betaOnMain, int main, int canary, RolloutStatus status,
      List<QuarantinedRevision> quarantine, List<Notice> notices, Optional<Instant> wakeAt) {
    return new RolloutPlan(betaOnMain, main, canary, status, List.copyOf(quarantine), List.copyOf(notices), wakeAt);
  }

  private static int stageIndex(RolloutInput in, RolloutStatus status) {
    for (int i = 0; i < in.stages().size(); i++) {
      if (in.stages().get(i).name().equals(status.getStage())) {
        return i;
      }
    }
    return 0;
  }

  private static RolloutStatus fresh(RolloutInput in, int stage, Instant now) {
    RolloutStageSettings settings = in.stages().get(stage);
    RolloutStatus status = new RolloutStatus();
    status.setChannel("beta");
    status.setRevision(in.betaRevision());
    status.setStage(settings.name());
    status.setPercent(in.mode() == RolloutMode.SWAP ? 100 : settings.percent());
    status.setStageStartedAt(now.toString());
    status.setStageEndsAt(now.plus(settings.soak()).toString());
    status.setState(RolloutPlan.PROGRESSING);
    status.setMessage(stageMessage(in, stage));
    return status;
  }

  private static String stageMessage(RolloutInput in, int stage) {
    RolloutStageSettings settings = in.stages().get(stage);
    String share = in.mode() == RolloutMode.SWAP ? "all pods (swapped, never two on one volume)"
        : betaPods(in.replicas(), settings.percent()) + " of " + in.replicas() + " pods";
    return "Stage " + settings.name() + ": beta revision " + in.betaRevision() + " on " + share + ", soaking "
        + settings.soak().toSeconds() + " s";
  }

  private static RolloutStatus copy(RolloutStatus from) {
    RolloutStatus to = new RolloutStatus();
    to.setChannel(from.getChannel());
    to.setRevision(from.getRevision());
    to.setStage(from.getStage());
    to.setPercent(from.getPercent());
    to.setBetaPods(from.getBetaPods());
    to.setStageStartedAt(from.getStageStartedAt());
    to.setStageEndsAt(from.getStageEndsAt());
    to.setFailingSince(from.getFailingSince());
    to.setState(from.getState());
    to.setMessage(from.getMessage());
    return to;
  }
}
