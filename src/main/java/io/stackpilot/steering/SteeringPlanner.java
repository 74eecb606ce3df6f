package io.stackpilot.steering;

import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.api.ServiceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a steering command into the annotation that carries it, from the service's annotations and
 * status: which revision to retry or promote, and whether there is anything to steer at all. Pure.
 */
public final class SteeringPlanner {

  private SteeringPlanner() {}

  /**
   * @param revision the revision the user named, for retry and promote; else the one status shows
   */
  public static SteeringPlan plan(
      SteeringAction action,
      Optional<String> revision,
      Map<String, String> annotations,
      ServiceStatus status) {
    ServiceStatus known = status == null ? new ServiceStatus() : status;
    return switch (action) {
      case RETRY -> retry(revision, annotations, known);
      case PROMOTE -> promote(revision, known);
      case PAUSE ->
          onBetaRollout(known, action, r -> "the beta rollout holds at stage " + r.getStage());
      case RESUME ->
          "true".equals(annotations.get(action.annotation()))
              ? SteeringPlan.change(
                  new AnnotationChange(
                      action.annotation(), Optional.empty(), "the beta rollout goes on"))
              : SteeringPlan.refused("the beta rollout is not paused: nothing to resume");
      case ABORT ->
          onBetaRollout(
              known,
              action,
              r ->
                  "the service returns to stable; beta revision "
                      + r.getRevision()
                      + " is not blamed");
    };
  }

  /**
   * The named revision, else the newest quarantined one. Each value of the annotation is acted on
   * once, so a revision retried before gets a new value: the revision, a dot and a counter.
   */
  private static SteeringPlan retry(
      Optional<String> revision, Map<String, String> annotations, ServiceStatus status) {
    List<QuarantinedRevision> quarantine =
        Optional.ofNullable(status.getQuarantine()).orElse(List.of());
    if (quarantine.isEmpty()) {
      return SteeringPlan.refused("no revision is quarantined: nothing to retry");
    }
    Optional<QuarantinedRevision> target =
        revision.isPresent()
            ? quarantine.stream().filter(q -> q.getRevision().equals(revision.get())).findFirst()
            : Optional.of(quarantine.get(0)); // newest first, as status lists them
    if (target.isEmpty()) {
      return SteeringPlan.refused(
          "revision "
              + revision.get()
              + " is not quarantined; quarantined: "
              + String.join(
                  ", ", quarantine.stream().map(QuarantinedRevision::getRevision).toList()));
    }
    String chosen = target.get().getRevision();
    String value = nextRetryValue(chosen, annotations.get(SteeringAction.RETRY.annotation()));
    return SteeringPlan.change(
        new AnnotationChange(
            SteeringAction.RETRY.annotation(),
            Optional.of(value),
            "revision "
                + chosen
                + " ("
                + target.get().getImage()
                + ") leaves quarantine and is tried once more"));
  }

  /** The revision, or, when it was retried before, the revision and the next attempt's number. */
  private static String nextRetryValue(String revision, String previous) {
    if (previous == null) {
      return revision;
    }
    if (previous.equals(revision)) {
      return revision + ".2";
    }
    if (!previous.startsWith(revision + ".")) {
      return revision;
    }
    try {
      return revision + "." + (Integer.parseInt(previous.substring(revision.length() + 1)) + 1);
    } catch (NumberFormatException e) {
      return revision + ".2";
    }
  }

  private static SteeringPlan promote(Optional<String> revision, ServiceStatus status) {
    Optional<RolloutStatus> rollout = betaRollout(status);
    if (rollout.isEmpty()) {
      return SteeringPlan.refused(noBeta());
    }
    String beta = rollout.get().getRevision();
    if (revision.isPresent() && !revision.get().equals(beta)) {
      return SteeringPlan.refused(
          "revision " + revision.get() + " is not the beta revision rolling out (" + beta + ")");
    }
    return SteeringPlan.change(
        new AnnotationChange(
            SteeringAction.PROMOTE.annotation(),
            Optional.of(beta),
            "beta revision " + beta + " goes live now, without its remaining stages"));
  }

  /** The action's annotation set to true, when a beta rollout is under way. */
  private static SteeringPlan onBetaRollout(
      ServiceStatus status, SteeringAction action, Function<RolloutStatus, String> effect) {
    return betaRollout(status)
        .map(
            rollout ->
                SteeringPlan.change(
                    new AnnotationChange(
                        action.annotation(), Optional.of("true"), effect.apply(rollout))))
        .orElseGet(() -> SteeringPlan.refused(noBeta()));
  }

  /** A beta rollout still under way: not yet promoted, failed or aborted. */
  private static Optional<RolloutStatus> betaRollout(ServiceStatus status) {
    return Optional.ofNullable(status.getRollout())
        .filter(r -> r.getRevision() != null && "beta".equals(r.getChannel()))
        .filter(r -> UNDER_WAY.contains(r.getState()));
  }

  private static final List<String> UNDER_WAY =
      List.of("Progressing", "Paused", "WaitingForPromotion");

  private static String noBeta() {
    return "no beta rollout is in progress (status.rollout shows none under way)";
  }
}
