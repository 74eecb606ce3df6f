package io.stackpilot.lifecycle;

import io.stackpilot.api.AlertEvent;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RollbackPolicy;
import io.stackpilot.health.HealthAssessment;
import io.stackpilot.lifecycle.RecoveryDecision.Action;
import io.stackpilot.lifecycle.RecoveryState.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recovery state machine: from what is desired, what is live and how it is doing, and what
 * status remembers, decide which revision must be live and whether getting there is a rollback or a
 * restart. Pure: the clock is an input, and nothing is kept between calls.
 *
 * <ul>
 *   <li>A spec change is applied at once, also while degraded or rolled back (fix forward).
 *   <li>A new revision that stays unhealthy for the failure window is quarantined and rolled back
 *       to the last healthy revision, exactly; with nothing healthy to go back to the service is
 *       Degraded.
 *   <li>A revision that was healthy and turns unhealthy is restarted with exponential back-off, at
 *       most maxRestarts per restartWindow; then Degraded.
 *   <li>A quarantined revision is not applied again until the spec changes or a retry names it.
 *   <li>rollback: Manual reports and alerts but never acts.
 * </ul>
 */
public final class RecoveryDecider {

  /**
   * The second restart of a window waits this long after the first; each further restart twice as
   * long.
   */
  static final Duration RESTART_BACKOFF = Duration.ofSeconds(10);

  private RecoveryDecider() {}

  public static RecoveryDecision decide(RecoveryInput in) {
    List<QuarantinedRevision> quarantine = new ArrayList<>(in.quarantine());
    RecoveryState state = in.state();
    List<Notice> notices = new ArrayList<>();
    String desired = in.desired().revision();

    // A retry names a quarantined revision; each annotation value is acted on once.
    if (in.retryRequest().isPresent() && !in.retryRequest().equals(state.lastRetry())) {
      String requested = retriedRevision(in.retryRequest().get());
      if (quarantine.removeIf(q -> requested.equals(q.getRevision()))) {
        notices.add(
            Notice.normal(
                "RetryRequested",
                "Revision " + requested + " leaves quarantine and is tried again"));
        if (state.failingRevision().filter(requested::equals).isPresent()) {
          // Tried again means a fresh failure window, not the one that already ran out.
          state = state.cleared();
        }
      }
      state = state.retried(in.retryRequest().get());
    }

    boolean desiredQuarantined = quarantine.stream().anyMatch(q -> desired.equals(q.getRevision()));
    Optional<String> fallback =
        in.lastHealthyRevision()
            .filter(r -> !r.equals(desired) && in.restorableRevisions().contains(r));
    String target = desiredQuarantined && fallback.isPresent() ? fallback.get() : desired;
    boolean targetIsLive = in.liveRevision().filter(target::equals).isPresent();

    if (!targetIsLive) {
      // A new spec, or the first apply: a fresh start. Or finishing a rollback an earlier run
      // recorded but did not write: that incident is not over until the fallback is healthy, so
      // keep it.
      RecoveryState next =
          desiredQuarantined
              ? state.withState(State.ROLLED_BACK)
              : state.withState(State.PROGRESSING).cleared();
      return new RecoveryDecision(
          target,
          Action.APPLY,
          next,
          quarantine,
          in.lastHealthyRevision(),
          notices,
          Optional.empty());
    }
    if (desiredQuarantined && fallback.isEmpty()) {
      // The quarantined revision is live and there is nothing healthy to go back to.
      return new RecoveryDecision(
          target,
          Action.APPLY,
          state.withState(State.DEGRADED),
          quarantine,
          in.lastHealthyRevision(),
          notices,
          Optional.empty());
    }
    return judgeLive(in, target, desiredQuarantined, state, quarantine, notices);
  }

  /** The target is live: look at its health. */
  private static RecoveryDecision judgeLive(
      RecoveryInput in,
      String live,
      boolean holdingFallback,
      RecoveryState state,
      List<QuarantinedRevision> quarantine,
      List<Notice> notices) {
    HealthAssessment health = in.liveHealth();
    Instant now = in.now();
    Optional<String> lastHealthy = in.lastHealthyRevision();
    State settled = holdingFallback ? State.ROLLED_BACK : State.HEALTHY;

    if (health.isHealthy()) {
      if (state.failureDetectedAt().isPresent()
          && state.lastAction().isPresent()
          && state
              .lastActionTime()
              .filter(t -> !t.isBefore(state.failureDetectedAt().get()))
              .isPresent()) {
        Duration took = Duration.between(state.failureDetectedAt().get(), now);
        notices.add(
            Notice.recovered(
                "Revision "
                    + live
                    + " is healthy again after the "
                    + ("RolledBack".equals(state.lastAction().get()) ? "rollback" : "restart")
                    + "; recovered in "
                    + took.toSeconds()
                    + " s",
                took));
      }
      RecoveryState next = restartWindowKept(state.withState(settled).cleared(), in);
      return decision(
          live, Action.APPLY, next, quarantine, Optional.of(live), notices, Optional.empty());
    }
    if (!health.isUnhealthy()) {
      // Degraded waits for a human or for health: a crash loop looks Progressing for a moment
      // between back-offs, and that must not end it, or its next crash would be announced as new.
      State progressing =
          state.state() == State.DEGRADED
              ? State.DEGRADED
              : holdingFallback ? State.ROLLED_BACK : State.PROGRESSING;
      return decision(
          live,
          Action.APPLY,
          state.withState(progressing),
          quarantine,
          lastHealthy,
          notices,
          Optional.empty());
    }

    // Unhealthy: when did this revision start failing, and is the failure window over?
    boolean sameIncident =
        state.failingRevision().filter(live::equals).isPresent()
            && state.failingSince().isPresent();
    Instant since = sameIncident ? state.failingSince().get() : now;
    Instant detected = state.failureDetectedAt().orElse(now);
    RecoveryState failing = state.failing(live, since, detected, health.reason());
    Instant windowEnds = since.plus(in.settings().failureWindow());
    if (now.isBefore(windowEnds)) {
      State next = state.state() == State.RESTARTING ? State.RESTARTING : State.FAILING;
      return decision(
          live,
          Action.APPLY,
          failing.withState(next),
          quarantine,
          lastHealthy,
          notices,
          Optional.of(windowEnds));
    }

    boolean wasHealthy = lastHealthy.filter(live::equals).isPresent();
    String cause = health.reason();
    if (in.settings().rollback() == RollbackPolicy.MANUAL) {
      if (state.state() != State.DEGRADED) {
        notices.add(
            Notice.warning(
                "Degraded",
                "Revision "
                    + live
                    + " ("
                    + in.liveImage().orElse("?")
                    + ") failed: "
                    + cause
                    + "; rollback is Manual, so Stackpilot only reports it",
                AlertEvent.DEGRADED));
      }
      return decision(
          live,
          Action.APPLY,
          failing.withState(State.DEGRADED),
          quarantine,
          lastHealthy,
          notices,
          Optional.empty());
    }
    if (!wasHealthy) {
      Optional<String> fallback =
          lastHealthy.filter(r -> !r.equals(live) && in.restorableRevisions().contains(r));
      if (fallback.isPresent()) {
        QuarantinedRevision entry = new QuarantinedRevision();
        entry.setRevision(live);
        entry.setImage(in.liveImage().orElse(null));
        entry.setReason(cause);
        entry.setSince(now.toString());
        quarantine.removeIf(q -> live.equals(q.getRevision()));
        quarantine.add(0, entry);
        notices.add(
            Notice.warning(
                "RolledBack",
                "Revision "
                    + live
                    + " ("
                    + in.liveImage().orElse("?")
                    + ") failed: "
                    + health.message()
                    + "; rolled back to revision "
                    + fallback.get()
                    + " and quarantined "
                    + live,
                AlertEvent.ROLLED_BACK));
        RecoveryState next = failing.withState(State.ROLLED_BACK).acted("RolledBack", now);
        return decision(
            fallback.get(),
            Action.ROLL_BACK,
            next,
            quarantine,
            lastHealthy,
            notices,
            Optional.empty());
      }
      if (state.state() != State.DEGRADED) {
        notices.add(
            Notice.warning(
                "Degraded",
                "Revision "
                    + live
                    + " ("
                    + in.liveImage().orElse("?")
                    + ") never became healthy: "
                    + health.message()
                    + "; there is no healthy revision to roll back to",
                AlertEvent.DEGRADED));
      }
      return decision(
          live,
          Action.APPLY,
          failing.withState(State.DEGRADED),
          quarantine,
          lastHealthy,
          notices,
          Optional.empty());
    }
    return restartWithinBudget(in, live, failing, quarantine, notices, holdingFallback);
  }

  private static RecoveryDecision restartWithinBudget(
      RecoveryInput in,
      String live,
      RecoveryState failing,
      List<QuarantinedRevision> quarantine,
      List<Notice> notices,
      boolean holdingFallback) {
    Instant now = in.now();
    boolean windowOver =
        failing
            .windowStart()
            .map(w -> !now.isBefore(w.plus(in.settings().restartWindow())))
            .orElse(true);
    int restarts = windowOver ? 0 : failing.restarts();
    Instant windowStart = windowOver ? now : failing.windowStart().get();
    if (restarts >= in.settings().maxRestarts()) {
      if (failing.state() != State.DEGRADED) {
        notices.add(
            Notice.warning(
                "Degraded",
                "Revision "
                    + live
                    + " keeps failing ("
                    + failing.failureReason().orElse("?")
                    + ") after "
                    + restarts
                    + " restart(s) within "
                    + in.settings().restartWindow().toMinutes()
                    + " min; the restart budget is spent",
                AlertEvent.DEGRADED));
      }
      Instant budgetBack = windowStart.plus(in.settings().restartWindow());
      return decision(
          live,
          Action.APPLY,
          failing.withRestartWindow(restarts, Optional.of(windowStart)).withState(State.DEGRADED),
          quarantine,
          in.lastHealthyRevision(),
          notices,
          Optional.of(budgetBack));
    }
    // restarts is how many were done already: after the first, 10 s; after the second, 20 s; ...
    Duration backoff = RESTART_BACKOFF.multipliedBy(1L << Math.min(Math.max(restarts - 1, 0), 10));
    Optional<Instant> earliest =
        failing
            .lastActionTime()
            .filter(t -> failing.lastAction().filter("Restarted"::equals).isPresent())
            .map(t -> t.plus(backoff));
    if (earliest.isPresent() && now.isBefore(earliest.get())) {
      return decision(
          live,
          Action.APPLY,
          failing.withState(State.RESTARTING),
          quarantine,
          in.lastHealthyRevision(),
          notices,
          earliest);
    }
    notices.add(
        Notice.warning(
            "Restarted",
            "Revision "
                + live
                + " turned unhealthy ("
                + failing.failureReason().orElse("?")
                + ") without a spec change; restart "
                + (restarts + 1)
                + " of "
                + in.settings().maxRestarts()
                + " within "
                + in.settings().restartWindow().toMinutes()
                + " min",
            AlertEvent.RESTARTED));
    RecoveryState next =
        failing.restarted(live, now, restarts + 1, windowStart).withState(State.RESTARTING);
    return decision(
        live,
        Action.RESTART,
        next,
        quarantine,
        in.lastHealthyRevision(),
        notices,
        Optional.of(now.plus(in.settings().failureWindow())));
  }

  /** Restart counts belong to their window: a window that has passed starts from zero. */
  private static RecoveryState restartWindowKept(RecoveryState state, RecoveryInput in) {
    boolean windowOver =
        state
            .windowStart()
            .map(w -> !in.now().isBefore(w.plus(in.settings().restartWindow())))
            .orElse(true);
    return windowOver ? state.withRestartWindow(0, Optional.empty()) : state;
  }

  private static RecoveryDecision decision(
      String target,
      Action action,
      RecoveryState state,
      List<QuarantinedRevision> quarantine,
      Optional<String> lastHealthy,
      List<Notice> notices,
      Optional<Instant> wakeAt) {
    return new RecoveryDecision(
        target, action, state, List.copyOf(quarantine), lastHealthy, List.copyOf(notices), wakeAt);
  }

  /**
   * A retry annotation names a revision, optionally followed by '.' and anything, to retry it again
   * later.
   */
  static String retriedRevision(String annotation) {
    int dot = annotation.indexOf('.');
    return (dot < 0 ? annotation : annotation.substring(0, dot)).trim();
  }
}
